using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Xunit;

namespace GdprOps.PowerShell.Tests;

/// <summary>Help is part of the product: every cmdlet documents itself fully, and its examples cannot rot.</summary>
public class HelpTests
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    };

    public static IEnumerable<object[]> Cmdlets => Repo.ExportedCmdlets.Select(c => new object[] { c });

    private static PSObject Help(string cmdlet)
    {
        var result = Ps.Run($"Get-Help {cmdlet} -Full");
        Assert.Null(result.Terminating);
        return Assert.Single(result.Output);
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        PSObject o when o.BaseObject is object[] array => string.Join("\n", array.Select(Text)),
        object[] array => string.Join("\n", array.Select(Text)),
        PSObject o when o.Properties["Text"] is { } text => text.Value?.ToString() ?? string.Empty,
        _ => value.ToString() ?? string.Empty,
    };

    private static IEnumerable<PSObject> Items(object? value) => value switch
    {
        null => Enumerable.Empty<PSObject>(),
        PSObject o when o.BaseObject is object[] array => array.Select(PSObject.AsPSObject),
        object[] array => array.Select(PSObject.AsPSObject),
        _ => new[] { PSObject.AsPSObject(value) },
    };

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_has_synopsis_description_and_examples(string cmdlet)
    {
        var help = Help(cmdlet);
        string synopsis = help.Properties["Synopsis"].Value?.ToString() ?? string.Empty;
        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.DoesNotContain(cmdlet + " ", synopsis.Substring(0, Math.Min(synopsis.Length, cmdlet.Length + 1)), StringComparison.Ordinal); // not the auto-generated syntax stub
        Assert.True(Text(help.Properties["description"].Value).Length > 80, cmdlet + " has no real description");
        var examples = Items(((PSObject)help.Properties["examples"].Value).Properties["example"].Value).ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Contains(cmdlet, e.Properties["code"].Value?.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_parameter_is_documented_with_facts_that_match_the_cmdlet(string cmdlet)
    {
        var help = Help(cmdlet);
        // A cmdlet with only common parameters has no parameters node at all.
        var parameters = help.Properties["parameters"].Value as PSObject;
        var documented = Items(parameters?.Properties["parameter"]?.Value)
            .ToDictionary(p => p.Properties["name"].Value!.ToString()!, StringComparer.OrdinalIgnoreCase);
        var command = (CmdletInfo)Assert.Single(Ps.Run($"Get-Command {cmdlet}").Output).BaseObject;
        foreach (var parameter in command.Parameters.Values.Where(p => !Common.Contains(p.Name)))
        {
            Assert.True(documented.TryGetValue(parameter.Name, out var doc), $"{cmdlet} -{parameter.Name} is not documented");
            Assert.False(string.IsNullOrWhiteSpace(Text(doc!.Properties["description"].Value)), $"{cmdlet} -{parameter.Name} has no description");

            bool mandatory = parameter.ParameterSets.Values.Any(s => s.IsMandatory);
            Assert.Equal(mandatory ? "true" : "false", doc.Properties["required"].Value?.ToString());

            int position = parameter.ParameterSets.Values.Select(s => s.Position).Max();
            Assert.Equal(position >= 0 ? position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named", doc.Properties["position"].Value?.ToString());

            string pipeline = doc.Properties["pipelineInput"].Value?.ToString() ?? string.Empty;
            Assert.Equal(parameter.ParameterSets.Values.Any(s => s.ValueFromPipeline), pipeline.Contains("ByValue", StringComparison.Ordinal));
            Assert.Equal(parameter.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName), pipeline.Contains("ByPropertyName", StringComparison.Ordinal));
        }

        foreach (string name in documented.Keys)
        {
            Assert.True(command.Parameters.ContainsKey(name), $"{cmdlet} documents -{name}, which does not exist");
        }
    }

    [Fact]
    public void Syntax_marks_a_parameter_mandatory_only_in_the_sets_where_it_is()
    {
        // -ClientId is mandatory for secret and certificate sign-in, optional with a managed identity or device code.
        var result = Ps.Run("(Get-Help Connect-GdprOps).syntax.syntaxItem | ForEach-Object { $set = $_; foreach ($p in $set.parameter) { if ($p.name -eq 'ClientId') { '{0}|{1}' -f (@($set.parameter.name) -join ','), $p.required } } }");
        Assert.Null(result.Terminating);
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains("ManagedIdentity,", StringComparison.Ordinal) && l.EndsWith("|false", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ClientSecret", StringComparison.Ordinal) && l.EndsWith("|true", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("DeviceCode", StringComparison.Ordinal) && l.EndsWith("|false", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Examples_are_numbered_in_order_and_each_says_what_it_does(string cmdlet)
    {
        var help = Help(cmdlet);
        var examples = Items(((PSObject)help.Properties["examples"].Value).Properties["example"].Value).ToList();
        for (int i = 0; i < examples.Count; i++)
        {
            string title = examples[i].Properties["title"].Value?.ToString() ?? string.Empty;
            Assert.Contains("Example " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ":", title, StringComparison.Ordinal);
            Assert.True(Text(examples[i].Properties["remarks"]?.Value).Trim().Length > 20, $"{cmdlet} {title.Trim('-', ' ')} has no remarks");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Examples_parse_and_use_only_real_commands_and_parameters(string cmdlet)
    {
        var help = Help(cmdlet);
        var commands = Ps.Run("Get-Command -Module GdprOps").Output.Select(o => (CmdletInfo)o.BaseObject).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var example in Items(((PSObject)help.Properties["examples"].Value).Properties["example"].Value))
        {
            string code = example.Properties["code"].Value?.ToString() ?? string.Empty;
            var ast = Parser.ParseInput(code, out _, out var errors);
            Assert.True(errors.Length == 0, $"{cmdlet} example does not parse: {string.Join("; ", errors.Select(e => e.Message))}");
            foreach (CommandAst call in ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true))
            {
                string? name = call.GetCommandName();
                if (name is null || !name.Contains("-", StringComparison.Ordinal) || !commands.ContainsKey(name))
                {
                    continue;
                }

                Assert.True(commands.TryGetValue(name, out var info), $"{cmdlet} example calls {name}, which the module does not export");
                foreach (var parameter in call.CommandElements.OfType<CommandParameterAst>())
                {
                    bool known = info!.Parameters.Values.Any(p => p.Name.StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase)
                        || p.Aliases.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase)) || Common.Contains(parameter.ParameterName)
                        || parameter.ParameterName is "WhatIf" or "Confirm";
                    Assert.True(known, $"{cmdlet} example uses {name} -{parameter.ParameterName}, which does not exist");
                }
            }
        }
    }
}
