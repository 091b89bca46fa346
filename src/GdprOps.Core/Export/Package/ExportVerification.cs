namespace GdprOps.Export.Package;

/// <summary>What Test-SubjectExport found: every file present with the hash the manifest recorded, or the differences.</summary>
public sealed class ExportVerification
{
    public string Path { get; init; } = string.Empty;

    public bool Valid { get; init; }

    public int Files { get; init; }

    public int Missing { get; init; }

    public int Altered { get; init; }

    public int Extra { get; init; }

    /// <summary>The package-relative paths at fault, as "Missing: items/...;Altered: items/...".</summary>
    public string Problems { get; init; } = string.Empty;

    /// <summary>SHA-256 of the package's manifest.json as found; compare with the one the export printed and audited.</summary>
    public string ManifestSha256 { get; init; } = string.Empty;
}
