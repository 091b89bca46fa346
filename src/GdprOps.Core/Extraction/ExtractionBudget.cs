using System;

namespace GdprOps.Extraction;

/// <summary>
/// Limits per item so bad input cannot hurt: zip bombs, XML bombs, endless PDFs, deep nesting. Anything
/// over budget is reported NotScanned or Partial with the reason, never silently dropped.
/// </summary>
public sealed class ExtractionBudget
{
    /// <summary>Total bytes inflated from archives and Office files per item.</summary>
    public long MaxInflatedBytes { get; set; } = 1L << 30;

    /// <summary>Entries in one archive or Office package.</summary>
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>Uncompressed to compressed ratio above which a large entry is taken for a bomb.</summary>
    public int MaxCompressionRatio { get; set; } = 200;

    /// <summary>Attachments in archives in mails ...: how deep extraction goes.</summary>
    public int MaxDepth { get; set; } = 5;

    /// <summary>Characters one Office part may hold (OpenSettings.MaxCharactersInPart): stops single-part bombs.</summary>
    public long MaxCharactersInPart { get; set; } = 20_000_000;

    public int MaxPdfPages { get; set; } = 2_000;

    /// <summary>Wall time for one item; PDF parsing in particular can hang on hostile files.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);
}
