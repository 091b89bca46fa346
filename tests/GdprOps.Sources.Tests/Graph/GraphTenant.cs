using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.Graph;
using GdprOps.Subjects;
using GdprOps.Sweep;

namespace GdprOps.Tests.Sources.Graph;

/// <summary>Helpers for sweeping a simulated tenant with the real connectors.</summary>
internal static class GraphTenant
{
    public static GraphConnection Connect(GraphSimulatorServer server, TimeSpan? maxRetryTime = null) => GraphConnection.Create(new GraphConnectionOptions
    {
        AccessToken = "simulator-token",
        GraphEndpoint = new Uri(server.BaseUrl),
        MaxRetryTime = maxRetryTime ?? TimeSpan.FromMinutes(2),
    });

    public static SubjectProfile Profile(PlantedPerson person) => new SubjectProfileBuilder { CaseId = "CASE-" + person.Key }
        .AddNames(new[] { person.Name })
        .AddEmails(new[] { person.Email })
        .AddPhones(new[] { person.Phone })
        .AddNationalIds(new[] { person.NationalIdKind + ":" + person.NationalId })
        .Build();

    public static async Task<(RecordingHost Host, SweepSummary Summary)> SweepAsync(GraphConnection connection, GraphSweepScope scope, SubjectProfile? subject,
        SweepCheckpoint? checkpoint = null, CancellationToken cancellationToken = default)
    {
        var host = new RecordingHost();
        var sources = await scope.ResolveAsync(connection, subject, host, cancellationToken);
        var options = new SweepOptions(subject, sources)
        {
            ThrottleLimit = 16,
            SourceConcurrency = 8,
            MaxItemsInFlightPerSource = 12,
            Checkpoint = checkpoint,
            ThrottleWait = () => connection.Executor.ThrottleWait,
        };
        var summary = await new PersonalDataSweep(options, host).RunAsync(cancellationToken);
        return (host, summary);
    }

    public static GraphSweepScope Everything(bool deep = false) => new() { AllMailboxes = true, AllSites = true, Deep = deep };

    public static HashSet<string> Ids(IEnumerable<Finding> findings) => findings.Where(f => f.Status == ScanStatus.Scanned).Select(f => f.ItemId).ToHashSet(StringComparer.Ordinal);
}
