using System;

namespace GdprOps.Extraction;

/// <summary>An item (or a part of it) is over budget, encrypted, corrupt or of a type that cannot be read; the message is the reason shown to the user.</summary>
public sealed class ExtractionLimitException : Exception
{
    public ExtractionLimitException(string message)
        : base(message)
    {
    }

    public ExtractionLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExtractionLimitException()
    {
    }
}
