using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace GdprOps.Cli;

/// <summary>The gdprops command tree; the writers are parameters so tests run it in-process.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter stderr)
    {
        // Disposing the wrapper leaves the caller's writer open.
        using var error = new SpellingWriter(stderr);
        var root = Build(output, error);
        var parse = root.Parse(args);
        if (parse.Action is not HelpEpilog && StrictParsing.Problems(parse, args) is { Count: > 0 } problems)
        {
            foreach (string problem in problems)
            {
                error.WriteLine($"ERROR {ErrorIds.InvalidArgument}: {problem}");
            }

            error.WriteLine($"Run '{StrictParsing.CommandPath(parse.CommandResult)} --help' for the options.");
            return ExitCodes.InvalidUsage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(configuration).ConfigureAwait(false);
    }

    /// <summary>What is wrong with a command line, without running it (for checking job manifests and scripts).</summary>
    internal static IReadOnlyList<string> Problems(string[] args) => StrictParsing.Problems(Build(TextWriter.Null, TextWriter.Null).Parse(args), args);

    private static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("gdprops: GDPR work across file shares, Microsoft 365 and Azure.")
        {
            FindCommand.Create(output, error),
            ExportCommand.Create(output, error),
            RemoveCommand.Create(output, error),
            MeasureCommand.Create(output, error),
            ProfileCommand.Create(output, error),
            MergeCommand.Create(output, error),
            RetentionCommand.Create(output, error),
            AuditCommand.Create(output, error),
            CaseCommand.Create(output, error),
            ReportCommand.Create(output, error),
        };
        HelpEpilog.AddTo(root);
        return root;
    }

    /// <summary>stderr with the engine's parameter names in command-line spelling (<see cref="CliSpelling"/>).</summary>
    private sealed class SpellingWriter : TextWriter
    {
        private readonly TextWriter _inner;

        public SpellingWriter(TextWriter inner)
        {
            _inner = inner;
        }

        public override Encoding Encoding => _inner.Encoding;

        public override void Write(char value) => _inner.Write(value);

        public override void Write(string? value) => _inner.Write(value is null ? null : CliSpelling.Translate(value));

        public override void WriteLine(string? value) => _inner.WriteLine(value is null ? null : CliSpelling.Translate(value));

        public override void Flush() => _inner.Flush();
    }
}
