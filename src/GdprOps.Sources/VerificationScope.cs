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

    /// <summary>
    /// The sweep that verifies an erasure: the same mailboxes, drives, shares and containers again, for the same person;
    /// what is left (other copies, recoverable copies, retained items) comes out as findings.
    /// </summary>
    public static GdprOps.Sweep.SweepOptions Sweep(IEnumerable<Finding> removed, SubjectProfile subject, GraphConnection? connection, string? blobConnectionString, string activity) =>
        new(subject, For(removed, subject, connection, blobConnectionString))
        {
            Activity = activity,
            SourceConcurrency = 16,
            ThrottleLimit = 32,
        };

    public static IReadOnlyList<IItemSource> For(IEnumerable<Finding> findings, SubjectProfile subject, SourceConnectors connectors) => findings
        .GroupBy(f => (f.SourceKind, f.Source))
        .Select(group => connectors.For(group.Key.SourceKind).VerificationSource(group.ToList(), subject))
        .Where(source => source is not null)
        .Select(source => source!)
        .ToList();
}
