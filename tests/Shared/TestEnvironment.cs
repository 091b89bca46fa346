using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace GdprOps.Tests.Shared;

/// <summary>
/// Keeps a test run out of the machine's audit log and the user's case folder: before any test runs, the process's
/// GDPROPS_AUDIT_LOG and GDPROPS_CASES point into a folder of this run (unless the caller set them). A sweep with a
/// case id records itself in the default log, and tests must never write there. Linked into every test project.
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void Isolate()
    {
        string run = Path.Combine(Path.GetTempPath(), "gdprops-test-run-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GDPROPS_AUDIT_LOG")))
        {
            Environment.SetEnvironmentVariable("GDPROPS_AUDIT_LOG", Path.Combine(run, "audit.log"));
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GDPROPS_CASES")))
        {
            Environment.SetEnvironmentVariable("GDPROPS_CASES", Path.Combine(run, "cases"));
        }
    }
}
