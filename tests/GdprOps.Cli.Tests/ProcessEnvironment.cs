using Xunit;

namespace GdprOps.Tests.Cli;

/// <summary>
/// The test classes that set process environment variables (GDPROPS_ACCESS_TOKEN, JOB_COMPLETION_INDEX) for the CLI they
/// run in process: one collection, so they never run at once and one's clean-up cannot pull the token from under another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";
}
