namespace GdprOps.Sources;

/// <summary>
/// A source that can name itself as a row of the report. When it cannot be listed, in whole or in part (a mailbox the
/// app may not read, a folder access is denied to), the sweep reports that part as a NotScanned row with this kind and
/// name, so the report a Data Protection Officer reviews shows what was not searched, not only the error stream.
/// </summary>
public interface IDescribedSource
{
    /// <summary>The whole source as one item: its kind, name (Source) and where to find it; no item id or version.</summary>
    SourceItem Describe();
}
