// The IPC channels between main and the preload; the renderer never sees them.
/** renderer → main: one ClientRequest. */
export const REQUEST_CHANNEL = 'loopscope:request';
/** main → renderer: one HostMessage as JSON text (its size is then known, for the backlog). */
export const MESSAGE_CHANNEL = 'loopscope:message';
/** renderer → main: the page has taken one message (so main can tell a renderer that is behind). */
export const ACK_CHANNEL = 'loopscope:ack';
