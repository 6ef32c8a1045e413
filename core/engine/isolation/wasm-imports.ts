// What each function the WebAssembly interpreter imports from JavaScript may do once the
// program runs. CPython (and ctypes, and a side module it might load) reaches the world only
// through these imports, so this table is the root of the engine's isolation: whatever route a
// program takes inside the interpreter (os.system, posix.system, ctypes, a forged function
// pointer), it ends at one of these functions.
//
// Three kinds:
//   OPEN     harmless whatever the arguments: the in-memory filesystem, clocks, memory, the
//            interpreter's own trampolines. Left untouched, so they cost nothing.
//   REFUSED  a door out of the process (a shell, sockets, dynamic loading, timers on the host's
//            event loop): answered with the value C code takes for "not supported", so Python
//            raises its usual error; the agent turns the common routes into clear messages.
//   anything else (Pyodide's JavaScript bridge, EM_ASM, stack switching, and whatever a future
//            Pyodide adds) ends the run: it can only be reached by forging calls, since the
//            agent removes every Python route to the bridge before the program starts.
// test/core/engine/isolation/wasm-gate.test.ts checks that every import of the shipped .wasm is listed
// in OPEN, REFUSED or BRIDGE, so that a Pyodide upgrade cannot add an unreviewed door.

export const OPEN: ReadonlySet<string> = new Set([
  // WASI: files, clocks, randomness, the environment Emscripten builds from the engine's own
  // settings (never the host's), and exit.
  'fd_close', 'fd_fdstat_get', 'fd_pread', 'fd_pwrite', 'fd_read', 'fd_seek', 'fd_sync', 'fd_write',
  'clock_res_get', 'clock_time_get', 'random_get', 'environ_get', 'environ_sizes_get', 'proc_exit', 'exit',
  // Emscripten's syscalls on its in-memory filesystem (the engine mounts no host folder; the
  // gate checks that at every run).
  '__syscall_chdir', '__syscall_chmod', '__syscall_dup', '__syscall_dup3', '__syscall_faccessat',
  '__syscall_fadvise64', '__syscall_fallocate', '__syscall_fchdir', '__syscall_fchmod', '__syscall_fchmodat2',
  '__syscall_fchown32', '__syscall_fchownat', '__syscall_fcntl64', '__syscall_fdatasync', '__syscall_fstat64',
  '__syscall_fstatfs64', '__syscall_ftruncate64', '__syscall_getcwd', '__syscall_getdents64', '__syscall_ioctl',
  '__syscall_lstat64', '__syscall_mkdirat', '__syscall_mknodat', '__syscall_newfstatat', '__syscall_openat',
  '__syscall_pipe', '__syscall_poll', '__syscall_readlinkat', '__syscall_renameat', '__syscall_rmdir',
  '__syscall_stat64', '__syscall_statfs64', '__syscall_symlinkat', '__syscall_truncate64', '__syscall_unlinkat',
  '__syscall_utimensat', '_mmap_js', '_msync_js', '_munmap_js',
  // Time and its conversions (the agent puts the program's clocks on virtual time).
  '_gmtime_js', '_localtime_js', '_mktime_js', '_timegm_js', '_tzset_js', 'emscripten_date_now', 'emscripten_get_now',
  // Memory, aborts, logging to the engine process's own (discarded) console.
  'emscripten_resize_heap', 'emscripten_get_heap_max', '_abort_js', '__assert_fail',
  '_emscripten_log_formatted', 'emscripten_log_impl_js', '_emscripten_get_progname',
  'emscripten_runtime_keepalive_push', 'emscripten_runtime_keepalive_pop', '_emscripten_runtime_keepalive_clear',
  // Calls from WebAssembly back into WebAssembly through the function table: CPython's call
  // trampoline (hot: every C call of a mismatched signature), a signal handler, libffi.
  '_PyEM_TrampolineCall_JS', '__call_sighandler',
  'ffi_call_js', 'ffi_closure_alloc_js', 'ffi_closure_free_js', 'ffi_prep_closure_loc_js',
  // Emscripten's name lookups answer from tables in memory (made-up addresses); no query leaves.
  'getaddrinfo', 'getnameinfo', 'getprotobyname', '_emscripten_lookup_name',
  // The runtime's name for sys.platform details ("Node.js vN").
  '_Py_emscripten_runtime',
  // Wrapped by the engine for Pause and Stop (wasm-gate.ts), not by the table.
  '_Py_CheckEmscriptenSignals_Helper',
]);

/** What a refused import returns instead of acting (C reads these as "not supported"). */
export const ENOTSUP = 138;
export const REFUSED: ReadonlyMap<string, number | null> = new Map<string, number | null>([
  // A shell on the host (Emscripten runs `system()` with Node's child_process): -1, failed.
  ['_emscripten_system', -1],
  // Sockets: -ENOTSUP from the syscall; the socket helpers of Pyodide's Node sockets say "not a
  // socket of mine" (null, false), so C falls through to the refused syscall.
  ...['__syscall_socket', '__syscall_accept4', '__syscall_bind', '__syscall_connect', '__syscall_getpeername',
    '__syscall_getsockname', '__syscall_getsockopt', '__syscall_listen', '__syscall_recvfrom', '__syscall_recvmsg',
    '__syscall_sendmsg', '__syscall_sendto'].map((name): [string, number] => [name, -ENOTSUP]),
  ['_maybe_connect_async', null], ['_maybe_poll_async', null], ['_maybe_recvfrom_async', null],
  ['_maybe_sendto_async', null], ['_try_shutdown', 0], ['_try_fcntl64', 0],
  // Loading code at run time (a side module could import any of Emscripten's JS library):
  // dlopen and dlsym fail, as for a missing library.
  ['_dlopen_js', 0], ['_dlsym_js', 0],
  // Interval timers run on the engine process's event loop, after the run: refused.
  ['_setitimer_js', ENOTSUP],
  // The host's user id and umask: the engine answers as a browser does.
  ['__syscall_getuid32_js', 0], ['__syscall_umask_js', 0o022],
  // os._emscripten_debugger(): a `debugger` statement in the engine process; nothing here.
  ['emscripten_debugger', null],
]);

/** Pyodide's bridge to JavaScript and other imports no program may reach once it runs. */
export const BRIDGE: ReadonlySet<string> = new Set([
  'JsArray_count_js', 'JsArray_index_js', 'JsArray_inplace_repeat_js', 'JsArray_repeat_js', 'JsArray_reverse_js',
  'JsArray_reversed_iterator', 'JsBuffer_DecodeString_js', 'JsBuffer_get_info', 'JsDoubleProxy_unwrap_js',
  'JsException_new_helper', 'JsMap_GetIter_js', 'JsMap_clear_js', 'JsModule_GetAll_js', 'JsObjMap_GetIter_js',
  'JsObjMap_ass_subscript_js', 'JsObjMap_contains_js', 'JsObjMap_length_js', 'JsObjMap_subscript_js',
  'JsProxy_Bool_js', 'JsProxy_DelAttr_js', 'JsProxy_Dir_js', 'JsProxy_GetAsyncIter_js', 'JsProxy_GetAttr_js',
  'JsProxy_GetIter_js', 'JsProxy_SetAttr_js', 'JsProxy_aexit_js', 'JsProxy_compute_typeflags', 'JsProxy_exit_js',
  'JsProxy_subscript_js', 'JsProxy_to_weakref_js', 'JsvArray_Check', 'JsvArray_Delete', 'JsvArray_Extend',
  'JsvArray_Get', 'JsvArray_Insert', 'JsvArray_New', 'JsvArray_Push', 'JsvArray_Set', 'JsvArray_ShallowCopy',
  'JsvArray_slice', 'JsvArray_slice_assign', 'JsvAsyncGenerator_Check', 'JsvBigInt_fromDigits', 'JsvBigInt_fromInt',
  'JsvBuffer_assignFromPtr', 'JsvBuffer_assignToPtr', 'JsvBuffer_intoFile', 'JsvBuffer_readFromFile',
  'JsvBuffer_writeToFile', 'JsvError_Check', 'JsvError_Throw', 'JsvFunction_CallBound', 'JsvFunction_Call_OneArg',
  'JsvFunction_Check', 'JsvFunction_Construct', 'JsvGenerator_Check', 'JsvLiteralMap_New', 'JsvMap_New',
  'JsvMap_Set', 'JsvNoValue_Check', 'JsvNum_fromDouble', 'JsvNum_fromInt', 'JsvNum_toInt', 'JsvObject_CallMethod',
  'JsvObject_CallMethod_NoArgs', 'JsvObject_CallMethod_OneArg', 'JsvObject_CallMethod_TwoArgs', 'JsvObject_Entries',
  'JsvObject_Keys', 'JsvObject_New', 'JsvObject_SetAttr', 'JsvObject_Values', 'JsvObject_toString',
  'JsvPromise_Check', 'JsvPromise_Resolve', 'JsvPromise_Syncify_handleError', 'JsvSet_Add', 'JsvSet_New',
  'JsvUTF8ToString', 'Jsv_BigIntToNum', 'Jsv_GetError_import', 'Jsv_constructorName', 'Jsv_equal',
  'Jsv_greater_than', 'Jsv_greater_than_equal', 'Jsv_less_than', 'Jsv_less_than_equal', 'Jsv_not_equal',
  'Jsv_to_bool', 'Jsv_typeof', '_JsArray_PostProcess_helper', '_JsArray_PushEntry_helper', '_JsObject_Set_js',
  '__hiwire_deduplicate_delete', '__hiwire_deduplicate_get', '__hiwire_deduplicate_new', '__hiwire_deduplicate_set',
  '_agen_handle_result_js', '_pyproxyGen_make_result', '_pyproxy_get_buffer_result', '_python2js_add_to_cache',
  '_python2js_addto_postprocess_list', '_python2js_ascii', '_python2js_buffer_inner', '_python2js_cache_lookup',
  '_python2js_handle_postprocess_list', '_python2js_ucs1', '_python2js_ucs2', '_python2js_ucs4', 'array_to_js',
  'can_run_sync_js', 'capture_stderr', 'create_once_callable', 'create_promise_handles', 'destroy_jsarray_entries',
  'destroy_proxies', 'destroy_proxies_js', 'destroy_proxy', 'gc_register_proxies', 'get_async_js_call_done_callback',
  'get_length_helper', 'get_length_string', 'get_suspender', 'handle_next_result_js', 'hiwire_invalid_ref_js',
  'is_comlink_proxy', 'js2python_convert', 'js2python_immutable_js', 'js2python_js', 'jslib_init_buffers_js',
  'jslib_init_js', 'my_dict_converter', 'new_error', 'proxy_cache_get', 'proxy_cache_set', 'pyodide_js_init',
  'pyproxy_AsPyObject', 'pyproxy_Check', 'pyproxy_new', 'pyproxy_new_ex', 'python2js__default_converter_js',
  'python2js__eager_converter_js', 'python2js_custom__create_jscontext', 'raw_call_js', 'restoreState',
  'restore_stderr', 'saveState', 'set_pyodide_module', 'set_suspender', 'syncifyHandler', 'throw_no_gil',
  'wrap_async_generator', 'wrap_generator', 'fail_test',
  // EM_ASM snippets, async dlopen, promises, a test input device.
  'emscripten_asm_const_int', '_emscripten_dlopen_js', 'emscripten_promise_create', 'emscripten_promise_destroy',
  'emscripten_promise_resolve', 'emscripten_set_up_async_input_device_js',
]);
