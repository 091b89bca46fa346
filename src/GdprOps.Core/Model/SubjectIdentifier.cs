using System;
using System.Collections.Generic;

namespace GdprOps.Model;

/// <summary>One normalised identifier of a data subject.</summary>
public sealed class SubjectIdentifier
{
    internal SubjectIdentifier(IdentifierKind kind, string value, string display, IReadOnlyList<string>? alternatives = null)
    {
        Kind = kind;
        Value = value;
        Display = display;
        Alternatives = alternatives ?? Array.Empty<string>();
    }

    public IdentifierKind Kind { get; }

    /// <summary>The normalised value the matcher compares with (lower-case email, E.164 phone, id without separators).</summary>
    public string Value { get; }

    /// <summary>The value as the caller gave it, trimmed.</summary>
    public string Display { get; }

    /// <summary>Other readings of the same identifier (a national phone number valid in several regions).</summary>
    public IReadOnlyList<string> Alternatives { get; }

    public override string ToString() => Kind + ":" + Detection.Masking.Mask(Kind, Value);
}
