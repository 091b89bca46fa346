using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace GdprOps.PowerShell.Tests;

/// <summary>The Azure Automation runbooks in deploy/ (sharded sweeps on hybrid workers): they parse, and every GdprOps command they call exists with the parameters they give it.</summary>
public class DeployRunbookTests
{
    [Fact]
    public void The_runbooks_parse_and_call_only_commands_and_parameters_the_module_has()
    {
        var files = Directory.GetFiles(Path.Combine(Repo.Root, "deploy", "azure-automation"), "*.ps1");
        Assert.Equal(2, files.Length);
        int calls = 0;
        foreach (string file in files)
        {
            var ast = Parser.ParseFile(file, out _, out var errors);
            Assert.True(errors.Length == 0, file + ": " + string.Join("; ", errors.Select(e => e.Message)));
            foreach (var command in ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
            {
                string name = command.GetCommandName() ?? string.Empty;
                if (!Repo.ExportedCmdlets.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                calls++;
                var parameters = Ps.Run($"(Get-Command {name}).Parameters.Keys").Output.Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
                {
                    Assert.True(parameters.Contains(parameter.ParameterName), $"{Path.GetFileName(file)}: {name} has no -{parameter.ParameterName}");
                }
            }
        }

        Assert.True(calls >= 4, "the runbooks connect, sweep a shard (writing its report), import the shards and export the merge");
    }
}
