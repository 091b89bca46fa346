using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace GdprOps.HelpBuilder;

/// <summary>Writes commands' help as MAML, the XML Get-Help reads for binary cmdlets.</summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<CommandHelp> commands) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(Msh + "helpItems",
            new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            commands.Select(CommandElement)));

    private static XElement CommandElement(CommandHelp help)
    {
        string[] verbNoun = help.Name.Split('-', 2);
        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", verbNoun[0]),
                new XElement(Command + "noun", verbNoun.Length > 1 ? verbNoun[1] : string.Empty),
                Paras(Maml + "description", new[] { help.Synopsis })),
            Paras(Maml + "description", help.Description),
            new XElement(Command + "syntax", SyntaxItems(help)),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, withDescription: true))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeElement(Command + "inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeElement(Command + "returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", help.Notes.Select(n => new XElement(Maml + "para", n)))),
            new XElement(Command + "examples", help.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                new XElement(Dev + "code", e.Code),
                Paras(Dev + "remarks", e.Remarks)))),
            new XElement(Command + "relatedLinks", help.Links.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri)))));
    }

    private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
    {
        var named = help.Parameters.SelectMany(MarkdownHelpReader.ParameterSets).Where(s => s != "(All)").Distinct().ToList();
        if (named.Count == 0)
        {
            named.Add("(All)");
        }

        foreach (string set in named)
        {
            var parameters = help.Parameters
                .Where(p => MarkdownHelpReader.ParameterSets(p).Any(s => s == "(All)" || s == set))
                .OrderBy(p => int.TryParse(p.Fact("Position", "Named"), out int position) ? position : int.MaxValue);
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                parameters.Select(p => Parameter(p, withDescription: false, set)));
        }
    }

    /// <summary>
    /// "Required: True" or "False", or per parameter set as platyPS writes it:
    /// "True (SetA, SetB), False (SetC)". Without a set: required in any set.
    /// </summary>
    internal static bool IsRequired(ParameterHelp p, string? set)
    {
        string fact = p.Fact("Required", "False");
        if (fact.IndexOf('(') < 0)
        {
            return fact.StartsWith("True", StringComparison.OrdinalIgnoreCase);
        }

        foreach (System.Text.RegularExpressions.Match part in System.Text.RegularExpressions.Regex.Matches(fact, @"(True|False)\s*\(([^)]*)\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            bool value = part.Groups[1].Value.Equals("True", StringComparison.OrdinalIgnoreCase);
            var sets = part.Groups[2].Value.Split(',').Select(x => x.Trim());
            if (set is null ? value : sets.Contains(set, StringComparer.OrdinalIgnoreCase))
            {
                return value || set is null;
            }
        }

        return false;
    }

    private static XElement Parameter(ParameterHelp p, bool withDescription, string? set = null)
    {
        string type = p.Fact("Type", "Object");
        bool required = IsRequired(p, set);
        bool isSwitch = type == "SwitchParameter";
        string position = p.Fact("Position", "Named");
        return new XElement(Command + "parameter",
            new XAttribute("required", required ? "true" : "false"),
            new XAttribute("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", p.Fact("Accept wildcard characters", "False").ToLowerInvariant()),
            new XAttribute("pipelineInput", p.Fact("Accept pipeline input", "False")),
            new XAttribute("position", position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position),
            new XAttribute("aliases", p.Fact("Aliases", "none")),
            new XElement(Maml + "name", p.Name),
            withDescription ? Paras(Maml + "description", p.Description) : null,
            isSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), type),
            new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
            withDescription ? new XElement(Dev + "defaultValue", p.Fact("Default value", "None")) : null);
    }

    private static XElement TypeElement(XName name, (string Type, List<string> Text) type) =>
        new(name,
            new XElement(Dev + "type", new XElement(Maml + "name", type.Type)),
            Paras(Maml + "description", type.Text));

    private static XElement Paras(XName name, IEnumerable<string> paragraphs) =>
        new(name, paragraphs.Select(p => new XElement(Maml + "para", p)));
}
