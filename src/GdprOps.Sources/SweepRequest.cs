using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Extraction;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sources.Graph;
using GdprOps.Sweep;

namespace GdprOps.Sources;

/// <summary>
/// One sweep as Find-PersonalData and <c>gdprops find</c> both describe it: who (or which categories), where (folders,
/// mailboxes, drives, containers) and within which limits. The front ends only translate their parameters into it;
/// checking the scope, turning it into sources, the warnings about what a sweep cannot see and the defaults for local
/// and cloud sweeps are here, once.
/// </summary>
public sealed class SweepRequest
{
    /// <summary>Sources listed at once in a cloud sweep (each connector keeps its own per-mailbox limits).</summary>
    public const int CloudSourceConcurrency = 32;

    /// <summary>Items of one cloud source in flight at once, so workers are not all stuck behind one mailbox's 4-request limit.</summary>
    public const int CloudItemsInFlightPerSource = 12;

    /// <summary>Items scanned at once when the sweep includes cloud sources (waiting on the network, not the CPU).</summary>
    public const int CloudThrottleLimit = 64;

    /// <summary>The person; null for a discovery sweep.</summary>
    public SubjectProfile? Subject { get; set; }

    /// <summary>Discovery: the detector ids to run, empty for all (checked by <see cref="Validate"/>).</summary>
    public IReadOnlyList<string> Categories { get; set; } = Array.Empty<string>();

    public Confidence MinimumConfidence { get; set; } = Confidence.Medium;

    /// <summary>Where to look.</summary>
    public SourceScope Scope { get; set; } = new();

    /// <summary>Items scanned at once; null for the default (the cores for a local sweep, <see cref="CloudThrottleLimit"/> with cloud sources).</summary>
    public int? ThrottleLimit { get; set; }

    public long MaxItemBytes { get; set; } = SweepOptions.DefaultMaxItemBytes;

    public bool IncludeUnscanned { get; set; }

    public ExtractionBudget Budget { get; set; } = new();

    public SweepCheckpoint? Checkpoint { get; set; }

    /// <summary>The command, for progress and the audit line.</summary>
    public string Activity { get; set; } = "Find-PersonalData";

    /// <summary>Checks the request before anything is read: somewhere to look, and known categories.</summary>
    /// <exception cref="GdprOpsException">Nowhere to look, or an unknown category.</exception>
    public void Validate()
    {
        if (Scope.IsEmpty)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                "Say where to look: -Path, -Mailbox, -AllMailboxes, -OneDrive, -Site, -AllSites, -Team, -BlobContainer or -BlobSasUri.");
        }

        if (Subject is null)
        {
            Categories = GdprOps.Detection.Discovery.DetectorIds.Validate(Categories);
        }
    }

    /// <summary>
    /// The sweep's options with every source resolved (all mailboxes listed, sites and teams found), and the
    /// warnings about what it cannot see written to <paramref name="host"/>.
    /// </summary>
    /// <exception cref="GdprOpsException">A container or drive scope that cannot be reached (nothing was swept).</exception>
    public async Task<SweepOptions> ResolveAsync(GraphConnection? connection, IRunHost host, CancellationToken cancellationToken)
    {
        var sources = await Scope.ResolveAsync(connection, Subject, host, cancellationToken).ConfigureAwait(false);
        if (Scope.UsesGraph)
        {
            if (Subject is not null && !Scope.Graph.Deep && sources.OfType<MailboxSource>().Any())
            {
                host.WriteWarning("Mailboxes were searched through the Exchange search index, which covers senders, recipients, subjects and bodies but not the text inside attachments. Add -Deep to read every message.");
            }

            if (Scope.Graph.AllMailboxes || Scope.Graph.Mailboxes.Count > 0)
            {
                host.WriteWarning("In-Place Archive mailboxes cannot be read through Microsoft Graph and were not searched: use a Purview content search for archives.");
            }
        }

        return new SweepOptions(Subject, sources)
        {
            ThrottleLimit = ThrottleLimit ?? (Scope.UsesCloud ? CloudThrottleLimit : Environment.ProcessorCount),
            SourceConcurrency = Scope.UsesCloud ? CloudSourceConcurrency : 1,
            MaxItemsInFlightPerSource = Scope.UsesCloud ? CloudItemsInFlightPerSource : 0,
            Checkpoint = Checkpoint,
            ThrottleWait = connection is null ? null : () => connection.Executor.ThrottleWait,
            MaxItemBytes = MaxItemBytes,
            IncludeUnscanned = IncludeUnscanned,
            Categories = Categories,
            MinimumConfidence = MinimumConfidence,
            Budget = Budget,
            Activity = Activity,
        };
    }
}
