namespace GdprOps.Model;

/// <summary>Counts of findings for one category in one place: what Measure-PersonalData writes.</summary>
public sealed class PersonalDataMeasure
{
    public string Category { get; set; } = string.Empty;

    public SourceKind SourceKind { get; set; }

    public string Source { get; set; } = string.Empty;

    /// <summary>The folder, directory or prefix; empty when counted per source only.</summary>
    public string Location { get; set; } = string.Empty;

    /// <summary>Items holding the category.</summary>
    public int Items { get; set; }

    /// <summary>Matches in those items (every category of an item counts its item's matches).</summary>
    public int Matches { get; set; }

    public Confidence? HighestConfidence { get; set; }
}
