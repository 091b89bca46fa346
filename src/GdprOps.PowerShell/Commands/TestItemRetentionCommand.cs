using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.PowerShell.Host;
using GdprOps.Retention;
using GdprOps.Sources;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;

namespace GdprOps.PowerShell.Commands;

/// <summary>Test-ItemRetention: which files, drive items and blobs the item rules of a retention policy say are kept too long.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ItemRetention")]
[OutputType(typeof(ItemRetentionResult), typeof(ItemRetentionViolation), typeof(ItemRetentionSummary))]
public sealed class TestItemRetentionCommand : GdprOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? BlobContainer { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public Uri[]? BlobSasUri { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BlobConnectionString { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Prefix { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? OneDrive { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Site { get; set; }

    [Parameter]
    public SwitchParameter AllSites { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Team { get; set; }

    [Parameter]
    public DateTime? AsOf { get; set; }

    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void EndProcessing()
    {
        IReadOnlyList<ItemRetentionRule> rules;
        try
        {
            var validation = PolicyFiles.Validate(GetUnresolvedProviderPathFromPSPath(Policy!), out var policy);
            rules = policy?.ItemRules ?? throw new GdprOpsException(ErrorIds.RetentionPolicyInvalid, ErrorKind.InvalidData,
                "The retention policy is not valid (see Test-RetentionPolicy):\n" + validation.Problems);
            if (rules.Count == 0)
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The policy has no itemRules (Test-MailboxRetention applies its mailboxRules).");
            }
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, Policy);
            return;
        }

        var drives = new GraphSweepScope { OneDrives = OneDrive ?? Array.Empty<string>(), Sites = Site ?? Array.Empty<string>(), AllSites = AllSites, Teams = Team ?? Array.Empty<string>() };
        var blobs = new BlobScope { Containers = BlobContainer ?? Array.Empty<string>(), SasUris = BlobSasUri ?? Array.Empty<Uri>(), Prefix = Prefix, ConnectionString = BlobConnectionString };
        if (Path is null && drives.IsEmpty && blobs.IsEmpty)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                "Say where to look: -Path (share rules), -BlobContainer or -BlobSasUri (blob rules), -OneDrive, -Site, -AllSites or -Team (drive rules)."));
            return;
        }

        var connection = GdprOpsSession.Current?.Connection;
        if (!drives.IsEmpty && connection is null)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first."));
            return;
        }

        var sources = new List<(IItemSource Source, string Scope)>();
        foreach (string resolved in (Path ?? Array.Empty<string>()).SelectMany(ResolveFileSystemPath))
        {
            sources.Add((new FileSystemSource(resolved), "share"));
        }

        try
        {
            sources.AddRange(blobs.Resolve(connection).Select(source => (source, "blob")));
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex);
            return;
        }

        var asOf = AsOf is { } date ? new DateTimeOffset(date.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UtcNow;
        var summary = RunEngine(async (host, token) =>
        {
            if (!drives.IsEmpty)
            {
                var resolved = await drives.ResolveAsync(connection!, null, host, token).ConfigureAwait(false);
                sources.AddRange(resolved.Select(source => (source, "drive")));
            }

            string[] given = new[] { Path is null ? null : "share", blobs.IsEmpty ? null : "blob", drives.IsEmpty ? null : "drive" }.OfType<string>().ToArray();
            foreach (var rule in rules.Where(r => !given.Contains(r.Scope, StringComparer.OrdinalIgnoreCase)))
            {
                host.WriteWarning($"Rule '{rule.Name}' (scope {rule.Scope}) was not tested: no {rule.Scope} was given.");
            }

            foreach (string scope in given.Where(s => !rules.Any(r => r.Scope.Equals(s, StringComparison.OrdinalIgnoreCase))))
            {
                host.WriteWarning($"No item rule has scope {scope}: the {scope} sources given were not listed.");
            }

            var tested = sources.Where(s => rules.Any(r => r.Scope.Equals(s.Scope, StringComparison.OrdinalIgnoreCase))).ToList();
            return await new ItemRetentionCheck().RunAsync(tested, rules, asOf, Detailed, host, token).ConfigureAwait(false);
        });
        WriteObject(summary);
    }
}
