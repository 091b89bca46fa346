using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Detection.Discovery;
using GdprOps.Model;

namespace GdprOps.Export;

/// <summary>
/// Counts findings per category and place (source, or source and location). Findings that were not read
/// count under the category "NotScanned" so the totals never look cleaner than the sweep was.
/// </summary>
public sealed class FindingMeasurer
{
    public const string NotScannedCategory = "NotScanned";

    private readonly bool _byLocation;
    private readonly Dictionary<(string Category, SourceKind Kind, string Source, string Location), PersonalDataMeasure> _measures = new();

    public FindingMeasurer(bool byLocation)
    {
        _byLocation = byLocation;
    }

    public void Add(Finding finding)
    {
        if (finding is null)
        {
            throw new ArgumentNullException(nameof(finding));
        }

        var categories = finding.Categories.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (finding.Status == ScanStatus.NotScanned || (categories.Count == 0 && finding.Confidence is null))
        {
            categories = new List<string> { NotScannedCategory };
        }
        else if (categories.Count == 0)
        {
            // A subject finding on a name alone has no detector category.
            categories.Add(string.IsNullOrEmpty(finding.SubjectMatches) ? NotScannedCategory : "SUBJECT");
        }

        string location = _byLocation ? finding.Location : string.Empty;
        foreach (string category in categories)
        {
            var key = (category, finding.SourceKind, finding.Source, location);
            if (!_measures.TryGetValue(key, out var measure))
            {
                _measures[key] = measure = new PersonalDataMeasure { Category = category, SourceKind = finding.SourceKind, Source = finding.Source, Location = location };
            }

            measure.Items++;
            measure.Matches += finding.MatchCount;
            if (finding.Confidence is { } confidence && (measure.HighestConfidence is null || confidence > measure.HighestConfidence))
            {
                measure.HighestConfidence = confidence;
            }
        }
    }

    /// <summary>The measures in catalogue order of category, then by place.</summary>
    public IEnumerable<PersonalDataMeasure> Results() => _measures.Values
        .OrderBy(m => Order(m.Category))
        .ThenBy(m => m.Source, StringComparer.Ordinal)
        .ThenBy(m => m.Location, StringComparer.Ordinal);

    private static int Order(string category)
    {
        for (int i = 0; i < DetectorIds.All.Count; i++)
        {
            if (DetectorIds.All[i] == category)
            {
                return i;
            }
        }

        return category == NotScannedCategory ? int.MaxValue : int.MaxValue - 1;
    }
}
