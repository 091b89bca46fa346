using System;
using System.IO;

namespace GdprOps.Sources;

/// <summary>
/// A connector's failure on one item, folder or source, already translated into a stable error id and kind.
/// An <see cref="IOException"/> so the sweep reports it as that item's error and goes on. The message names
/// no personal data.
/// </summary>
public sealed class SourceItemException : IOException
{
    public SourceItemException(string errorId, ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    public string ErrorId { get; }

    public ErrorKind Kind { get; }
}
