using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using GdprOps.Model;
using GdprOps.Subjects;

namespace GdprOps.Cli;

/// <summary>Who the person is, for find, export and remove: a profile file, or the identifiers one by one.</summary>
internal sealed class SubjectOptions
{
    public Option<FileInfo?> Subject { get; } = new("--subject") { Description = "A JSON subject profile file." };
    public Option<string[]> Email { get; } = new("--email") { Description = "Email addresses of the person.", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> Name { get; } = new("--name") { Description = "Full names of the person.", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> Phone { get; } = new("--phone") { Description = "Phone numbers (international, or national in DK/NL/GB).", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> NationalId { get; } = new("--national-id") { Description = "National ids, TYPE:VALUE (DK_CPR:010190-1234) or bare.", AllowMultipleArgumentsPerToken = true };
    public Option<string[]> OtherId { get; } = new("--other-id") { Description = "Customer numbers, IBANs and other ids.", AllowMultipleArgumentsPerToken = true };
    public Option<string?> CaseId { get; } = new("--case-id") { Description = "The request's case id." };
    public Option<bool> AllowInitials { get; } = new("--allow-initials") { Description = "Count 'S. Last' as the name." };

    public IEnumerable<Option> All => new Option[] { Subject, Email, Name, Phone, NationalId, OtherId, CaseId, AllowInitials };

    /// <summary>Whether any identifier or profile was given.</summary>
    public bool Given(ParseResult parse) =>
        parse.GetValue(Subject) is not null || Any(parse.GetValue(Email)) || Any(parse.GetValue(Name)) || Any(parse.GetValue(Phone))
        || Any(parse.GetValue(NationalId)) || Any(parse.GetValue(OtherId));

    /// <summary>The profile the options describe.</summary>
    /// <exception cref="GdprOpsException">An invalid profile file or identifier, or none at all.</exception>
    public SubjectProfile Build(ParseResult parse) => parse.GetValue(Subject) is { } file
        ? SubjectProfileFile.Load(file.FullName)
        : new SubjectProfileBuilder { CaseId = parse.GetValue(CaseId), AllowInitials = parse.GetValue(AllowInitials) }
            .AddNames(parse.GetValue(Name))
            .AddEmails(parse.GetValue(Email))
            .AddPhones(parse.GetValue(Phone))
            .AddNationalIds(parse.GetValue(NationalId))
            .AddOtherIds(parse.GetValue(OtherId))
            .Build();

    private static bool Any(string[]? values) => values is { Length: > 0 };
}
