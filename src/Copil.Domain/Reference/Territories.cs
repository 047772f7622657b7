namespace Copil.Domain.Reference;

/// <summary>A région académique (code de l'éducation, art. R222-2), with its validity dates.</summary>
public sealed record AcademicRegion(string Code, string Name, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool IsValidOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}

/// <summary>An académie with the ministry's code, its région académique and its validity dates.</summary>
public sealed record Academy(string Code, string Name, string RegionCode, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool IsValidOn(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);
}

/// <summary>
/// The territories shipped with the product: the 18 régions académiques (R222-2, since 2016; Mayotte since 2020)
/// and the académies with the ministry's codes (Normandie, code 70, replaced Caen and Rouen on 2020-01-01).
/// </summary>
public static class Territories
{
    private static readonly DateOnly Regions2016 = new(2016, 1, 1);
    private static readonly DateOnly Since2020 = new(2020, 1, 1);
    private static readonly DateOnly Until2019 = new(2019, 12, 31);
    private static readonly DateOnly Historic = new(1970, 1, 1);

    // Region codes are those of INSEE for the matching administrative region.
    public static IReadOnlyList<AcademicRegion> Regions { get; } =
    [
        new("84", "Auvergne-Rhône-Alpes", Regions2016, null),
        new("27", "Bourgogne-Franche-Comté", Regions2016, null),
        new("53", "Bretagne", Regions2016, null),
        new("24", "Centre-Val de Loire", Regions2016, null),
        new("94", "Corse", Regions2016, null),
        new("44", "Grand Est", Regions2016, null),
        new("32", "Hauts-de-France", Regions2016, null),
        new("11", "Île-de-France", Regions2016, null),
        new("28", "Normandie", Regions2016, null),
        new("75", "Nouvelle-Aquitaine", Regions2016, null),
        new("76", "Occitanie", Regions2016, null),
        new("52", "Pays de la Loire", Regions2016, null),
        new("93", "Provence-Alpes-Côte d'Azur", Regions2016, null),
        new("01", "Guadeloupe", Regions2016, null),
        new("02", "Martinique", Regions2016, null),
        new("03", "Guyane", Regions2016, null),
        new("04", "La Réunion", Regions2016, null),
        new("06", "Mayotte", Since2020, null),
    ];

    public static IReadOnlyList<Academy> Academies { get; } =
    [
        new("01", "Paris", "11", Historic, null),
        new("02", "Aix-Marseille", "93", Historic, null),
        new("03", "Besançon", "27", Historic, null),
        new("04", "Bordeaux", "75", Historic, null),
        new("05", "Caen", "28", Historic, Until2019),
        new("06", "Clermont-Ferrand", "84", Historic, null),
        new("07", "Dijon", "27", Historic, null),
        new("08", "Grenoble", "84", Historic, null),
        new("09", "Lille", "32", Historic, null),
        new("10", "Lyon", "84", Historic, null),
        new("11", "Montpellier", "76", Historic, null),
        new("12", "Nancy-Metz", "44", Historic, null),
        new("13", "Poitiers", "75", Historic, null),
        new("14", "Rennes", "53", Historic, null),
        new("15", "Strasbourg", "44", Historic, null),
        new("16", "Toulouse", "76", Historic, null),
        new("17", "Nantes", "52", Historic, null),
        new("18", "Orléans-Tours", "24", Historic, null),
        new("19", "Reims", "44", Historic, null),
        new("20", "Amiens", "32", Historic, null),
        new("21", "Rouen", "28", Historic, Until2019),
        new("22", "Limoges", "75", Historic, null),
        new("23", "Nice", "93", Historic, null),
        new("24", "Créteil", "11", Historic, null),
        new("25", "Versailles", "11", Historic, null),
        new("27", "Corse", "94", Historic, null),
        new("28", "La Réunion", "04", Historic, null),
        new("31", "Martinique", "02", Historic, null),
        new("32", "Guadeloupe", "01", Historic, null),
        new("33", "Guyane", "03", Historic, null),
        new("43", "Mayotte", "06", Since2020, null),
        new("70", "Normandie", "28", Since2020, null),
    ];
}
