// The detectors work on small stack buffers (a digit run's groups, a masked form) that they always write before they
// read: the runtime need not zero them, nor the locals, on every call. Every stackalloc in this assembly writes what it
// reads (checked when this was added; keep it so).
[module: System.Runtime.CompilerServices.SkipLocalsInit]
