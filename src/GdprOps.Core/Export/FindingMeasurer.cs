using System;
using System.Collections.Generic;
using System.Globalization;
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
        var counts = MatchesPerCategory(finding, categories);
        foreach (string category in categories)
        {
            var key = (category, finding.SourceKind, finding.Source, location);
            if (!_measures.TryGetValue(key, out var measure))
            {
                _measures[key] = measure = new PersonalDataMeasure { Category = category, SourceKind = finding.SourceKind, Source = finding.Source, Location = location };
            }

            measure.Items++;
            measure.Matches += counts.TryGetValue(category, out int matches) ? matches : category == "SUBJECT" ? finding.MatchCount : 0;
            if (finding.Confidence is { } confidence && (measure.HighestConfidence is null || confidence > measure.HighestConfidence))
            {
                measure.HighestConfidence = confidence;
            }
        }
    }

    /// <summary>
    /// The matches of each category in one finding: its CategoryMatches column; for a row from a report written before
    /// that column, the item's count when it has one category, else the counts its Evidence names (at least one).
    /// </summary>
    private static Dictionary<string, int> MatchesPerCategory(Finding finding, IReadOnlyList<string> categories)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string entry in finding.CategoryMatches.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = entry.LastIndexOf(':');
            if (colon > 0 && int.TryParse(entry.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                counts[entry.Substring(0, colon)] = n;
            }
        }

        if (counts.Count > 0 || categories.Count == 0)
        {
            return counts;
        }

        if (categories.Count == 1)
        {
            counts[categories[0]] = finding.MatchCount;
            return counts;
        }

        // "Body EMAIL: s***@x.example x2; Body ART9_HEALTH: 2 terms" (masked values, never parsed for content).
        foreach (string entry in finding.Evidence.Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string category in categories)
            {
                int at = entry.IndexOf(" " + category + ": ", StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                string rest = entry.Substring(at + category.Length + 3);
                int times = 1;
                int x = rest.LastIndexOf(" x", StringComparison.Ordinal);
                if (rest.EndsWith(" terms", StringComparison.Ordinal) || rest.EndsWith(" term", StringComparison.Ordinal))
                {
                    int.TryParse(rest.Substring(0, rest.IndexOf(' ')), NumberStyles.None, CultureInfo.InvariantCulture, out times);
                }
                else if (x >= 0 && int.TryParse(rest.Substring(x + 2), NumberStyles.None, CultureInfo.InvariantCulture, out int repeated))
                {
                    times = repeated;
                }

                counts[category] = (counts.TryGetValue(category, out int sum) ? sum : 0) + Math.Max(1, times);
            }
        }

        foreach (string category in categories.Where(c => !counts.ContainsKey(c)))
        {
            counts[category] = 1;
        }

        return counts;
    }

    /// <summary>The measures in catalogue order of category, then by place.</summary>
    public IEnumerable<PersonalDataMeasure> Results() => _measures.Values
        .OrderBy(m => Order(m.Category))
        .ThenBy(m => m.Source, StringComparer.Ordinal)
        .ThenBy(m => m.Location, StringComparer.Ordinal);

    private static int Order(string category) =>
        DetectorIds.CatalogueIndex(category) is >= 0 and var i ? i : category == NotScannedCategory ? int.MaxValue : int.MaxValue - 1;
}
