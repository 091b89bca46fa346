using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace GdprOps.HelpBuilder;

/// <summary>
/// Reads the platyPS-style markdown pages under module/docs: "# Name", then "## SYNOPSIS", "## DESCRIPTION",
/// "## EXAMPLES" (### titles, a fenced code block, remarks), "## PARAMETERS" (### -Name, text, a yaml block of
/// facts), "## INPUTS", "## OUTPUTS", "## NOTES", "## RELATED LINKS".
/// </summary>
internal static class MarkdownHelpReader
{
    public static CommandHelp Read(string path)
    {
        var help = new CommandHelp();
        string section = string.Empty;
        ExampleHelp? example = null;
        ParameterHelp? parameter = null;
        List<string>? typeText = null;
        var paragraph = new StringBuilder();
        var lines = File.ReadAllLines(path);
        int i = 0;
        if (lines.Length > 0 && lines[0].Trim() == "---")
        {
            i = Array.FindIndex(lines, 1, l => l.Trim() == "---") + 1;
        }

        void Flush()
        {
            if (paragraph.Length == 0)
            {
                return;
            }

            string text = paragraph.ToString().Trim();
            paragraph.Clear();
            switch (section)
            {
                case "SYNOPSIS": help.Synopsis = (help.Synopsis + " " + text).Trim(); break;
                case "DESCRIPTION": help.Description.Add(text); break;
                case "EXAMPLES": example?.Remarks.Add(text); break;
                case "PARAMETERS": parameter?.Description.Add(text); break;
                case "INPUTS" or "OUTPUTS": typeText?.Add(text); break;
                case "NOTES": help.Notes.Add(text); break;
            }
        }

        for (; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("# ", StringComparison.Ordinal) && help.Name.Length == 0)
            {
                help.Name = line.Substring(2).Trim();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                section = line.Substring(3).Trim().ToUpperInvariant();
            }
            else if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                Flush();
                string title = line.Substring(4).Trim();
                switch (section)
                {
                    case "EXAMPLES":
                        example = new ExampleHelp { Title = title };
                        help.Examples.Add(example);
                        break;
                    case "PARAMETERS":
                        parameter = new ParameterHelp { Name = title.TrimStart('-') };
                        help.Parameters.Add(parameter);
                        break;
                    case "INPUTS":
                        typeText = new List<string>();
                        help.Inputs.Add((title, typeText));
                        break;
                    case "OUTPUTS":
                        typeText = new List<string>();
                        help.Outputs.Add((title, typeText));
                        break;
                }
            }
            else if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                string fence = line.Trim().Substring(3).Trim();
                var block = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                {
                    block.Add(lines[i]);
                }

                if (section == "EXAMPLES" && example is not null)
                {
                    example.Code = string.Join(Environment.NewLine, block);
                }
                else if (section == "PARAMETERS" && parameter is not null && fence == "yaml")
                {
                    foreach (string fact in block)
                    {
                        int colon = fact.IndexOf(':', StringComparison.Ordinal);
                        if (colon > 0)
                        {
                            parameter.Facts[fact.Substring(0, colon).Trim()] = fact.Substring(colon + 1).Trim();
                        }
                    }
                }
            }
            else if (section == "RELATED LINKS" && line.TrimStart().StartsWith('['))
            {
                int close = line.IndexOf(']', StringComparison.Ordinal);
                int open = line.IndexOf('(', close);
                int end = line.IndexOf(')', open + 1);
                help.Links.Add((line.Substring(line.IndexOf('[', StringComparison.Ordinal) + 1, close - line.IndexOf('[', StringComparison.Ordinal) - 1),
                    open > 0 && end > open ? line.Substring(open + 1, end - open - 1) : string.Empty));
            }
            else if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
            }
            else
            {
                paragraph.Append(paragraph.Length > 0 ? " " : string.Empty).Append(line.Trim());
            }
        }

        Flush();
        if (help.Name.Length == 0 || help.Synopsis.Length == 0)
        {
            throw new InvalidDataException($"{path}: a help page needs '# Name' and a SYNOPSIS.");
        }

        return help;
    }

    public static IEnumerable<string> ParameterSets(ParameterHelp parameter) =>
        parameter.Fact("Parameter Sets", "(All)").Split(',').Select(s => s.Trim()).Where(s => s.Length > 0);
}
