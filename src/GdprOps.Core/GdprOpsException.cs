using System;

namespace GdprOps;

/// <summary>
/// An invalid call or input the engine refuses, with a stable error id the front ends surface as-is.
/// Messages never carry personal data: they name positions, kinds and counts, not values.
/// </summary>
public sealed class GdprOpsException : Exception
{
    public GdprOpsException(string errorId, ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    public GdprOpsException()
        : this(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Invalid GdprOps call.")
    {
    }

    public GdprOpsException(string message)
        : this(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, message)
    {
    }

    public GdprOpsException(string message, Exception innerException)
        : this(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, message, innerException)
    {
    }

    public string ErrorId { get; }

    public ErrorKind Kind { get; }
}
