using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Sources.FileSystem;
using GdprOps.Sweep;

namespace GdprOps.Tests;

/// <summary>The findings of a sweep of samples/share: for the sample subject, or in discovery mode (no subject).</summary>
internal static class SampleShare
{
    public static async Task<IReadOnlyList<Finding>> FindingsAsync(SubjectProfile? subject)
    {
        var host = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(subject, new[] { new FileSystemSource(TestPaths.SampleShare, new FileSystemSourceOptions()) }), host).RunAsync(CancellationToken.None);
        return host.Findings.ToArray();
    }
}
