using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Detection.Discovery;
using GdprOps.Model;
using GdprOps.PowerShell.Host;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Sweep;

namespace GdprOps.PowerShell.Commands;

/// <summary>Find-PersonalData: sweeps folders and shares for one person's data.</summary>
[Cmdlet(VerbsCommon.Find, "PersonalData", DefaultParameterSetName = IdentifiersSet)]
[OutputType(typeof(Finding))]
public sealed class FindPersonalDataCommand : SubjectCmdlet
{
    public const string ProfileSet = "Profile";
    public const string DiscoverSet = "Discover";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProfileSet)]
    [ValidateNotNull]
    public SubjectProfile? Subject { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = DiscoverSet)]
    public SwitchParameter Discover { get; set; }

    [Parameter(ParameterSetName = DiscoverSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CategoryCompleter))]
    public string[]? Category { get; set; }

    // A string, not the engine's Confidence enum: see GdprOpsCmdlet on value types from the engine.
    [Parameter]
    [ValidateSet("High", "Medium", "Low", IgnoreCase = true)]
    public string MinimumConfidence { get; set; } = "Medium";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Include { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Exclude { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Depth { get; set; }

    [Parameter]
    public SwitchParameter FollowLinks { get; set; }

    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxFileSize { get; set; } = SweepOptions.DefaultMaxItemBytes;

    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = System.Environment.ProcessorCount;

    [Parameter]
    [ValidateRange(0, 20)]
    public int MaxNestingDepth { get; set; } = 5;

    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long MaxInflatedSize { get; set; } = 1L << 30;

    [Parameter]
    [ValidateRange(1, 1_000_000)]
    public int MaxPdfPages { get; set; } = 2_000;

    [Parameter]
    [ValidateRange(1, 86_400)]
    public int ItemTimeoutSec { get; set; } = 120;

    [Parameter]
    public SwitchParameter IncludeUnscanned { get; set; }

    protected override void ProcessRecord()
    {
        SubjectProfile? subject = null;
        IReadOnlyList<string> categories = System.Array.Empty<string>();
        try
        {
            if (Discover)
            {
                categories = DetectorIds.Validate(Category);
            }
            else
            {
                subject = Subject ?? BuildSubjectFromShortcuts();
            }
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex);
            return;
        }

        var sources = ResolveSources();
        if (sources.Count == 0)
        {
            return;
        }

        var options = new SweepOptions(subject, sources)
        {
            ThrottleLimit = ThrottleLimit,
            MaxItemBytes = MaxFileSize,
            IncludeUnscanned = IncludeUnscanned,
            Categories = categories,
            MinimumConfidence = (Confidence)System.Enum.Parse(typeof(Confidence), MinimumConfidence, ignoreCase: true),
            Budget = new GdprOps.Extraction.ExtractionBudget
            {
                MaxDepth = MaxNestingDepth,
                MaxInflatedBytes = MaxInflatedSize,
                MaxPdfPages = MaxPdfPages,
                Timeout = System.TimeSpan.FromSeconds(ItemTimeoutSec),
            },
        };
        RunEngine((host, token) => new PersonalDataSweep(options, host).RunAsync(token));
    }

    private List<IItemSource> ResolveSources()
    {
        var fileOptions = new FileSystemSourceOptions
        {
            Include = Include ?? System.Array.Empty<string>(),
            Exclude = Exclude ?? System.Array.Empty<string>(),
            Depth = Depth,
            FollowLinks = FollowLinks,
        };
        var sources = new List<IItemSource>();
        foreach (string path in Path!)
        {
            foreach (string resolved in ResolveFileSystemPath(path))
            {
                sources.Add(new FileSystemSource(resolved, fileOptions));
            }
        }

        return sources;
    }

    private IEnumerable<string> ResolveFileSystemPath(string path)
    {
        try
        {
            var resolved = GetResolvedProviderPathFromPSPath(path, out var provider);
            if (provider.Name != "FileSystem")
            {
                WriteError(ErrorRecords.From(
                    new GdprOpsException(ErrorIds.PathNotFound, ErrorKind.InvalidArgument, $"'{path}' is not a file system path (provider {provider.Name})."), path));
                return Enumerable.Empty<string>();
            }

            return resolved;
        }
        catch (ItemNotFoundException)
        {
            WriteError(ErrorRecords.From(
                new GdprOpsException(ErrorIds.PathNotFound, ErrorKind.NotFound, $"The path '{path}' does not exist or is not reachable."), path));
            return Enumerable.Empty<string>();
        }
    }
}
