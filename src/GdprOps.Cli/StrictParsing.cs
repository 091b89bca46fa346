using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

namespace GdprOps.Cli;

/// <summary>
/// What System.CommandLine lets through and a user would not expect: a token that looks like an option but is none
/// of the command's (a typo such as <c>--exclud</c>) is an error, never the value of the option before it (a
/// many-valued <c>--path s --exclud HR</c> would otherwise sweep a folder named <c>--exclud</c> and HR).
/// Every problem comes with the nearest option or command as a suggestion.
/// </summary>
internal static class StrictParsing
{
    /// <summary>The problems in <paramref name="parse"/>, each one line; empty when the command line is sound.</summary>
    public static IReadOnlyList<string> Problems(ParseResult parse, IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        var command = parse.CommandResult.Command;
        if (command.Subcommands.Count > 0 && parse.UnmatchedTokens.FirstOrDefault(t => !LooksLikeOption(t)) is { } word)
        {
            // "gdprops fnd --path x": the command is unknown, so what follows it cannot be judged.
            var commands = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
            return new[] { $"'{word}' is not a command of '{CommandPath(parse.CommandResult)}'.{Suggest(word, commands)}" };
        }

        var options = OptionNames(parse.CommandResult).ToList();
        foreach (string token in args.TakeWhile(a => a != "--"))
        {
            if (!LooksLikeOption(token))
            {
                continue;
            }

            string name = token.Split(new[] { '=', ':' }, 2)[0];
            if (!options.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"'{name}' is not an option of '{CommandPath(parse.CommandResult)}'.{Suggest(name, options)}");
            }
        }

        foreach (var error in parse.Errors)
        {
            // An unknown option was said above, with a better suggestion; other errors (a missing value, an unknown
            // command, a value that is not a number) are System.CommandLine's own words.
            if (parse.UnmatchedTokens.Any(t => LooksLikeOption(t) && error.Message.Contains("'" + t + "'")))
            {
                continue;
            }

            problems.Add(error.Message);
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A token that is meant as an option: <c>--name</c>, or <c>-x</c> with a letter (not a negative number).</summary>
    private static bool LooksLikeOption(string token) =>
        (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
        || (token.Length > 1 && token[0] == '-' && token[1] != '-' && !char.IsDigit(token[1]) && token[1] != '.');

    /// <summary>The option names and aliases valid at the parsed command: its own and those its parents pass down.</summary>
    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        bool leaf = true;
        for (SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is CommandResult commandResult)
            {
                foreach (var option in commandResult.Command.Options.Where(o => leaf || o.Recursive))
                {
                    yield return option.Name;
                    foreach (string alias in option.Aliases)
                    {
                        yield return alias;
                    }
                }

                leaf = false;
            }
        }
    }

    /// <summary>"gdprops retention test": the words that name the parsed command.</summary>
    internal static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is not null; at = at.Parent)
        {
            if (at is CommandResult commandResult)
            {
                names.Insert(0, commandResult.Parent is null ? "gdprops" : commandResult.Command.Name);
            }
        }

        return string.Join(" ", names);
    }

    /// <summary>" Did you mean '--exclude'?" for the nearest candidate (a prefix of it, or within a third of its length in edits), else nothing.</summary>
    internal static string Suggest(string typed, IEnumerable<string> candidates)
    {
        var best = candidates
            .Where(c => !string.IsNullOrEmpty(c))
            .Select(c => (Name: c, Distance: c.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(typed.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
        return best is null ? string.Empty : $" Did you mean '{best}'?";
    }

    /// <summary>Levenshtein distance; the strings are option names, a few dozen characters.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
