namespace GdprOps.Audit;

/// <summary>What Test-GdprAuditLog found: an intact chain, or the first line that breaks it and why.</summary>
public sealed class AuditVerification
{
    public string Path { get; init; } = string.Empty;

    public bool Valid { get; init; }

    public int Entries { get; init; }

    /// <summary>1-based line number of the first broken line (0 when valid).</summary>
    public int FirstBrokenLine { get; init; }

    public string Reason { get; init; } = string.Empty;

    /// <summary>The log's tip as it is now, "sequence:hash" of the last line: keep it elsewhere and pass it back as -ExpectedTip.</summary>
    public string Tip { get; init; } = string.Empty;

    /// <summary>True when an anchor file recorded the tip and was checked.</summary>
    public bool Anchored { get; init; }
}
