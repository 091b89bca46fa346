using System;
using System.Collections.Generic;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Sweep;

/// <summary>What a subject sweep looks for, where, and within which limits.</summary>
public sealed class SweepOptions
{
    public const long DefaultMaxItemBytes = 256L * 1024 * 1024;

    /// <param name="subject">The person to look for; null for a discovery sweep.</param>
    public SweepOptions(SubjectProfile? subject, IReadOnlyList<IItemSource> sources)
    {
        Subject = subject;
        Sources = sources ?? throw new ArgumentNullException(nameof(sources));
    }

    /// <summary>The person a subject sweep looks for; null in discovery mode.</summary>
    public SubjectProfile? Subject { get; }

    /// <summary>Discovery mode: report every item holding personal data of the <see cref="Categories"/>, whoever it is about.</summary>
    public bool Discover => Subject is null;

    /// <summary>Detector ids to run (DETECTORS.md); empty for all. Unknown ids are refused.</summary>
    public IReadOnlyList<string> Categories { get; set; } = Array.Empty<string>();

    /// <summary>The lowest confidence reported (Medium by default: 75 and up).</summary>
    public Confidence MinimumConfidence { get; set; } = Confidence.Medium;

    public IReadOnlyList<IItemSource> Sources { get; }

    /// <summary>Items scanned at once. Defaults to the number of cores.</summary>
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>Items larger than this are reported NotScanned, never read.</summary>
    public long MaxItemBytes { get; set; } = DefaultMaxItemBytes;

    /// <summary>Also report items of types the engine cannot read as NotScanned findings (else one summary warning).</summary>
    public bool IncludeUnscanned { get; set; }

    /// <summary>Limits per item against zip bombs, deep nesting, endless PDFs.</summary>
    public GdprOps.Extraction.ExtractionBudget Budget { get; set; } = new();

    /// <summary>Sources listed at once. One for file shares (disks like one reader); more for cloud sources, whose connectors keep their own per-mailbox limits.</summary>
    public int SourceConcurrency { get; set; } = 1;

    /// <summary>
    /// Items of one source queued or being scanned at once (0: no limit). Cloud sources set it to a few, so
    /// workers are not all stuck behind one mailbox's 4-request limit while other mailboxes wait.
    /// </summary>
    public int MaxItemsInFlightPerSource { get; set; }

    /// <summary>Finished sources are recorded here and skipped when the sweep runs again; null for no checkpoint.</summary>
    public SweepCheckpoint? Checkpoint { get; set; }

    /// <summary>Time spent waiting on service throttling so far (shown in progress); null when no source is throttled.</summary>
    public Func<TimeSpan>? ThrottleWait { get; set; }

    /// <summary>The activity name progress is shown under.</summary>
    public string Activity { get; set; } = "Find-PersonalData";
}
