using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Json;
using GdprOps.Model;

namespace GdprOps.Export.Package;

// The subject export, continued: what is written beside the items: my-data.json, the manifests, the cover letter and the audit line.
public sealed partial class SubjectExporter
{
    /// <summary>my-data.json when asked for: the person's CSV rows and JSON objects among the items, with where each came from.</summary>
    private PortableSummary? WritePortableData(string root, List<ExportedItem> items)
    {
        if (!_options.PortableData)
        {
            return null;
        }

        if (_options.Subject is null)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "my-data.json needs the subject profile (-Subject) to tell the person's records from other people's.");
        }

        var portable = new PortableData(_options.Subject);
        foreach (var item in items)
        {
            portable.Add(InPackage(root, item.File), item.File);
        }

        string path = Path.Combine(root, Package.PortableData.FileName);
        portable.Write(path, _options.CaseId);
        return new PortableSummary
        {
            File = Package.PortableData.FileName,
            Sha256 = Sha256Of(path),
            Records = portable.Count,
            Skipped = portable.Skipped.Select(s => new SkippedFile { File = s.File, Reason = s.Reason }).ToList(),
        };
    }

    private void WriteManifest(string root, List<ExportedItem> items, List<(Finding Finding, string Reason)> failures, int notVerified, PortableSummary? portable)
    {
        var manifest = new PackageManifest
        {
            Package = new PackageSummary
            {
                CaseId = _options.CaseId,
                CreatedUtc = DateTimeOffset.UtcNow,
                Operator = _options.Operator ?? Environment.UserName,
                Machine = Environment.MachineName,
                ReceivedOn = _options.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                DueOn = _options.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Extended = _options.Extended,
                Tool = "GdprOps " + typeof(SubjectExporter).Assembly.GetName().Version,
                Items = items.Count(IsOriginal),
                RedactedCopies = items.Count(i => !IsOriginal(i)),
                Bytes = items.Sum(i => i.Size),
                PerSource = items.Where(IsOriginal).GroupBy(i => i.SourceKind).ToDictionary(g => g.Key, g => g.Count()),
                PerCategory = Categories(items.Where(IsOriginal)).ToDictionary(c => c.Key, c => c.Value),
                NotVerified = notVerified,
                ThirdPartyItems = items.Count(i => i.ThirdPartyData.Length > 0),
                PortableData = portable,
            },
            Items = items,
            Failures = failures.Select(f => new FailedItem { SourceKind = f.Finding.SourceKind.ToString(), Source = f.Finding.Source, ItemUri = f.Finding.ItemUri, Reason = f.Reason }).ToList(),
        };
        File.WriteAllText(Path.Combine(root, ManifestJson), JsonSerializer.Serialize(manifest, CoreJson.IndentedCamelCase.Info<PackageManifest>()), new UTF8Encoding(false));
        ReportCsv.Write(Path.Combine(root, ManifestCsv),
            new[] { "File", "SourceKind", "Source", "Location", "ItemId", "ItemName", "ItemUri", "Created", "Modified", "Size", "Sha256", "SubjectMatches", "Categories", "Status", "ThirdPartyData", "ThirdPartyCheck", "RedactedFrom" },
            items.Select(i => (IReadOnlyList<string?>)new[]
            {
                i.File, i.SourceKind, i.Source, i.Location, i.ItemId, i.ItemName, i.ItemUri,
                i.Created?.ToString("o", CultureInfo.InvariantCulture), i.Modified?.ToString("o", CultureInfo.InvariantCulture),
                i.Size.ToString(CultureInfo.InvariantCulture), i.Sha256, i.SubjectMatches, i.Categories, i.Status, i.ThirdPartyData, i.ThirdPartyCheck, i.RedactedFrom,
            }));
        OwnerOnly.Restrict(Path.Combine(root, ManifestJson));
        OwnerOnly.Restrict(Path.Combine(root, ManifestCsv));
    }

    /// <summary>The letter for the person (<see cref="CoverLetter"/>): no item names, no one else's identifiers.</summary>
    private void WriteReadme(string root, List<ExportedItem> items, List<(Finding Finding, string Reason)> failures, List<Finding> all)
    {
        string html = CoverLetter.Render(new CoverLetter.Content
        {
            CaseId = _options.CaseId,
            ReceivedOn = _options.ReceivedOn,
            DueOn = _options.DueOn,
            Extended = _options.Extended,
            SearchedKinds = all.Select(f => f.SourceKind).Distinct().ToList(),
            Exported = items.Where(IsOriginal).GroupBy(i => (SourceKind)Enum.Parse(typeof(SourceKind), i.SourceKind)).Select(g => (g.Key, g.Count())).ToList(),
            Categories = Categories(items.Where(IsOriginal)).Select(c => (c.Key, c.Value)).ToList(),
            Failed = failures.Count,
            Controller = _options.Controller,
        }, _options.Language);
        File.WriteAllText(Path.Combine(root, Readme), html, new UTF8Encoding(false));
        OwnerOnly.Restrict(Path.Combine(root, Readme));
    }

    /// <summary>"1 item", "2 items".</summary>
    private static string Items(int count) => CoverLetter.Count(count, "en");

    private static SortedDictionary<string, int> Categories(IEnumerable<ExportedItem> items)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in items.SelectMany(i => i.Categories.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)))
        {
            counts[id] = counts.TryGetValue(id, out int n) ? n + 1 : 1;
        }

        return counts;
    }

    private long Audit(string root, int items, long bytes, int failed, string outcome, string? manifestSha256 = null)
    {
        if (_options.AuditLog is null)
        {
            return 0;
        }

        return _options.AuditLog.Append(new AuditEntry
        {
            Action = "Export",
            Command = _options.Command,
            CaseId = _options.CaseId,
            SignedInAs = _options.Operator,
            SubjectIdentifiers = _options.Subject?.GetIdentifiers().Select(i => i.Kind + ":" + i.Value).ToList() ?? new List<string>(),
            Scope = manifestSha256 is null ? root : root + " manifest-sha256:" + manifestSha256,
            Counts = new Dictionary<string, long> { ["items"] = items, ["bytes"] = bytes, ["failed"] = failed },
            Outcome = outcome,
        });
    }

    /// <summary>manifest.json (camelCase names): the package, its items and what could not be exported.</summary>
    internal sealed class PackageManifest
    {
        public PackageSummary Package { get; set; } = new();

        public List<ExportedItem> Items { get; set; } = new();

        public List<FailedItem> Failures { get; set; } = new();
    }

    /// <summary>manifest.json's "package": the request and the package's totals.</summary>
    internal sealed class PackageSummary
    {
        public string? CaseId { get; set; }

        public DateTimeOffset CreatedUtc { get; set; }

        public string Operator { get; set; } = string.Empty;

        public string Machine { get; set; } = string.Empty;

        public string ReceivedOn { get; set; } = string.Empty;

        public string DueOn { get; set; } = string.Empty;

        public bool Extended { get; set; }

        public string Tool { get; set; } = string.Empty;

        public int Items { get; set; }

        public int RedactedCopies { get; set; }

        public long Bytes { get; set; }

        public Dictionary<string, int> PerSource { get; set; } = new();

        public Dictionary<string, int> PerCategory { get; set; } = new();

        public int NotVerified { get; set; }

        public int ThirdPartyItems { get; set; }

        /// <summary>my-data.json when written, else null.</summary>
        public PortableSummary? PortableData { get; set; }
    }

    /// <summary>manifest.json's "portableData": my-data.json, its hash, its records and the files not gathered.</summary>
    internal sealed class PortableSummary
    {
        public string File { get; set; } = string.Empty;

        public string Sha256 { get; set; } = string.Empty;

        public int Records { get; set; }

        public List<SkippedFile> Skipped { get; set; } = new();
    }

    /// <summary>A file my-data.json did not gather, and why.</summary>
    internal sealed class SkippedFile
    {
        public string File { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;
    }

    /// <summary>A finding whose item could not be exported, and why.</summary>
    internal sealed class FailedItem
    {
        public string SourceKind { get; set; } = string.Empty;

        public string Source { get; set; } = string.Empty;

        public string ItemUri { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;
    }
}
