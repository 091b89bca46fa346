using System.Collections.Generic;
using System.Linq;
using GdprOps.Model;
using GdprOps.Sources.Graph;

namespace GdprOps.Sources;

/// <summary>The sources to sweep again after a removal: every mailbox, drive, share and container the findings came from.</summary>
public static class VerificationScope
{
    public static IReadOnlyList<IItemSource> For(IEnumerable<Finding> findings, SubjectProfile subject, GraphConnection? connection, string? blobConnectionString) =>
        For(findings, subject, new SourceConnectors(connection, blobConnectionString));

    public static IReadOnlyList<IItemSource> For(IEnumerable<Finding> findings, SubjectProfile subject, SourceConnectors connectors) => findings
        .GroupBy(f => (f.SourceKind, f.Source))
        .Select(group => connectors.For(group.Key.SourceKind).VerificationSource(group.ToList(), subject))
        .Where(source => source is not null)
        .Select(source => source!)
        .ToList();
}
