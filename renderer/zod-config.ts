// Imported first by the entry: zod decides at schema construction whether to compile parsers
// with `new Function`, probing for it; the page's CSP forbids eval and reports the probe as a
// violation. Jitless parsing is what the page can do anyway.
import { z } from 'zod';

z.config({ jitless: true });
