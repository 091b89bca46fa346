using System.Collections.Generic;
using GdprOps.Model;

namespace GdprOps.Extraction;

/// <summary>How completely an item was read, and why not, if it was not.</summary>
public sealed class ExtractionResult
{
    private readonly List<string> _problems = new();

    public ScanStatus Status { get; private set; } = ScanStatus.Scanned;

    /// <summary>Why the item, or parts of it, were not read; null when all of it was.</summary>
    public string? Reason => _problems.Count == 0 ? null : string.Join("; ", _problems);

    public long BytesRead { get; set; }

    /// <summary>The whole item could not be read.</summary>
    public void NotScanned(string reason)
    {
        Status = ScanStatus.NotScanned;
        _problems.Add(reason);
    }

    /// <summary>A part (an attachment, the pages after the budget) could not be read.</summary>
    public void Partial(string reason)
    {
        if (Status == ScanStatus.Scanned)
        {
            Status = ScanStatus.Partial;
        }

        _problems.Add(reason);
    }
}
