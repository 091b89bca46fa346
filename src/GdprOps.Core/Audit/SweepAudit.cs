using System.Collections.Generic;
using System.Linq;
using GdprOps.Model;
using GdprOps.Sweep;

namespace GdprOps.Audit;

/// <summary>
/// The audit line of a subject sweep run for a case (Action "Sweep"): when, by whom, how many sources and items were
/// read and how many held the person's data. No locations are written (a folder can carry a name), only their kinds.
/// </summary>
public static class SweepAudit
{
    public static AuditEntry Entry(SweepSummary summary, SubjectProfile subject, string command, IEnumerable<Sources.IItemSource> sources, string? signedInAs) => new()
    {
        Action = "Sweep",
        Command = command,
        CaseId = subject.CaseId,
        SignedInAs = signedInAs,
        SubjectIdentifiers = subject.GetIdentifiers().Select(i => i.Kind + ":" + i.Value).ToList(),
        Scope = "sources: " + string.Join(", ", sources.Select(KindOf).Distinct().OrderBy(k => k, System.StringComparer.Ordinal)),
        Counts = new Dictionary<string, long>
        {
            ["sources"] = summary.Sources,
            ["items"] = summary.ItemsScanned,
            ["findings"] = summary.Findings,
            ["notScanned"] = summary.NotScanned,
            ["errors"] = summary.Errors,
        },
        Outcome = summary.Errors > 0 || summary.SourcesSkipped > 0 ? "CompletedWithErrors" : "Succeeded",
    };

    /// <summary>"FileSystem", "Mailbox", "Drive", "Blob": the source's type, which says the kind and nothing of where.</summary>
    private static string KindOf(Sources.IItemSource source) => source.GetType().Name.Replace("Source", string.Empty);
}
