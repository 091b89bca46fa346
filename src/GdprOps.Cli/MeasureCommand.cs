using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using GdprOps.Export;

namespace GdprOps.Cli;

/// <summary>gdprops measure: Measure-PersonalData over findings reports, the counts of the Art. 30 map.</summary>
internal static class MeasureCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var reports = new ReportInput();
        var by = new Option<string>("--by") { Description = "Count per Location (default: folder, mail folder, container path) or per Source (share, mailbox, drive, container).", DefaultValueFactory = _ => "Location" };
        by.AcceptOnlyFromAmong("Location", "Source");
        var command = new Command("measure", "Count findings per category and location or source: items, matches and the highest confidence (the Art. 30 map as numbers).") { by };
        foreach (var option in reports.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CliErrors.Refusing(error, () =>
        {
            var measurer = new FindingMeasurer(byLocation: string.Equals(parse.GetValue(by), "Location", StringComparison.OrdinalIgnoreCase));
            foreach (var finding in reports.Read(parse, error))
            {
                measurer.Add(finding);
            }

            TextTable.Write(output, new[] { "Category", "Kind", "Source", "Location", "Items", "Matches", "Highest" }, measurer.Results()
                .Select(m => new[] { m.Category, m.SourceKind.ToString(), m.Source, m.Location.Length == 0 ? "-" : m.Location, m.Items.ToString(CultureInfo.InvariantCulture), m.Matches.ToString(CultureInfo.InvariantCulture), m.HighestConfidence?.ToString() ?? "-" })
                .ToList());
            return ExitCodes.Success;
        }));
        return command;
    }
}
