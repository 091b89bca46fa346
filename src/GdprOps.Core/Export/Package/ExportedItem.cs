using System;

namespace GdprOps.Export.Package;

/// <summary>One manifest entry: an exported item with where it came from and the hash of the bytes written.</summary>
public sealed class ExportedItem
{
    /// <summary>Path inside the package, with '/' separators.</summary>
    public string File { get; set; } = string.Empty;

    public string SourceKind { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public string Location { get; set; } = string.Empty;

    public string ItemId { get; set; } = string.Empty;

    public string ItemName { get; set; } = string.Empty;

    public string ItemUri { get; set; } = string.Empty;

    public DateTimeOffset? Created { get; set; }

    public DateTimeOffset? Modified { get; set; }

    public long Size { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public string SubjectMatches { get; set; } = string.Empty;

    public string Categories { get; set; } = string.Empty;

    public string Status { get; set; } = string.Empty;

    /// <summary>
    /// Other people's personal data seen in the item, per category ("EMAIL:2;ART9_HEALTH:1"), never values; empty when
    /// none was seen. An item with any must be reviewed or redacted before the package is sent (Art. 15(4)).
    /// </summary>
    public string ThirdPartyData { get; set; } = string.Empty;

    /// <summary>How far the item was checked for others' data: Checked, Partial: reason, or NotChecked: reason.</summary>
    public string ThirdPartyCheck { get; set; } = string.Empty;

    /// <summary>For a redacted copy (-RedactThirdParty): the package file it was made from; empty for an item itself.</summary>
    public string RedactedFrom { get; set; } = string.Empty;

    /// <summary>The archive part holding the item when the package is split (1-based); 0 otherwise.</summary>
    public int Part { get; set; }

    /// <summary>The manifest entry of this item's redacted copy: where it came from as this item, its own file, size and hash.</summary>
    internal ExportedItem RedactedCopy(string file, long size, string sha256, string check)
    {
        var copy = (ExportedItem)MemberwiseClone();
        copy.File = file;
        copy.Size = size;
        copy.Sha256 = sha256;
        copy.ThirdPartyData = string.Empty;
        copy.ThirdPartyCheck = check;
        copy.RedactedFrom = File;
        copy.Part = 0;
        return copy;
    }
}
