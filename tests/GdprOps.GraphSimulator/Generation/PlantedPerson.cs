using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Generation;

/// <summary>A fictional person the generator plants in the tenant, with valid national identifiers.</summary>
public sealed record PlantedPerson(string Key, string Name, string Email, string Phone, string NationalIdKind, string NationalId, string Language)
{
    /// <summary>Three people, one per language, whose identifiers pass their checksums.</summary>
    public static IReadOnlyList<PlantedPerson> All { get; } = new[]
    {
        new PlantedPerson("soren", "Søren Aabye Østergaard", "soeren.oestergaard@nordlys.example", "+45 20 12 34 56", "DK_CPR", "010190-1234", "da"),
        new PlantedPerson("maartje", "Maartje van den Berg", "maartje.vandenberg@polder.example", "+31 6 12345678", "NL_BSN", "111222333", "nl"),
        new PlantedPerson("oliver", "Oliver Hughes", "oliver.hughes@thames.example", "+44 7911 123456", "UK_NINO", "AB 12 34 56 C", "en"),
    };
}
