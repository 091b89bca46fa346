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
}
