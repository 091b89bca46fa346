using System.CommandLine;
using System.IO;
using System.Threading.Tasks;

namespace GdprOps.Cli;

/// <summary>The gdprops command tree; the writers are parameters so tests run it in-process.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("gdprops: GDPR work across file shares, Microsoft 365 and Azure.")
        {
            FindCommand.Create(output, error),
            RetentionCommand.Create(output, error),
            CaseCommand.Create(output, error),
            ReportCommand.Create(output, error),
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).InvokeAsync(configuration);
    }
}
