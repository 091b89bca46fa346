using System;

namespace GdprOps.Hosting;

/// <summary>One item, folder or source that failed while the run went on. The message names no personal data.</summary>
public sealed record ItemError(string ErrorId, ErrorKind Kind, string Target, string Message, Exception? Exception = null);
