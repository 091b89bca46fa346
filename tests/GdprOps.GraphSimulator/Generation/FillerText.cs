using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.GraphSimulator.Generation;

/// <summary>Plausible office mail in English, Dutch and Danish that mentions no planted person.</summary>
internal static class FillerText
{
    private static readonly Dictionary<string, (string[] Subjects, string[] Sentences)> Corpus = new(StringComparer.Ordinal)
    {
        ["en"] = (
            new[] { "Quarterly planning", "Lunch on Friday", "Invoice batch 7", "Server maintenance window", "Team offsite", "Budget review", "Holiday rota", "Printer on floor 3" },
            new[]
            {
                "Please find the agenda for next week below.", "The numbers look better than last quarter.", "Can we move the meeting to Thursday afternoon?",
                "The maintenance window starts at ten in the evening.", "Thanks for the quick turnaround on this.", "Let me know if anything is unclear.",
                "The supplier confirmed the delivery date.", "We will review the draft in the steering group.",
            }),
        ["nl"] = (
            new[] { "Kwartaalplanning", "Lunch op vrijdag", "Factuurbatch 7", "Onderhoudsvenster server", "Teamuitje", "Budgetoverleg", "Vakantierooster" },
            new[]
            {
                "Hierbij de agenda voor volgende week.", "De cijfers zien er beter uit dan vorig kwartaal.", "Kunnen we het overleg naar donderdagmiddag verplaatsen?",
                "Het onderhoud begint om tien uur 's avonds.", "Bedankt voor de snelle reactie.", "Laat het weten als iets onduidelijk is.",
                "De leverancier heeft de leverdatum bevestigd.",
            }),
        ["da"] = (
            new[] { "Kvartalsplanlægning", "Frokost fredag", "Fakturaparti 7", "Servicevindue for serveren", "Teamtur", "Budgetgennemgang", "Ferieplan" },
            new[]
            {
                "Her er dagsordenen for næste uge.", "Tallene ser bedre ud end sidste kvartal.", "Kan vi flytte mødet til torsdag eftermiddag?",
                "Vedligeholdelsen starter klokken ti om aftenen.", "Tak for det hurtige svar.", "Sig til, hvis noget er uklart.",
                "Leverandøren har bekræftet leveringsdatoen.",
            }),
    };

    public static string Subject(Random random, string language)
    {
        var subjects = Corpus[language].Subjects;
        return subjects[random.Next(subjects.Length)];
    }

    public static string Body(Random random, string language, int sentences = 3)
    {
        var pool = Corpus[language].Sentences;
        return string.Join(' ', Enumerable.Range(0, sentences).Select(_ => pool[random.Next(pool.Length)]));
    }
}
