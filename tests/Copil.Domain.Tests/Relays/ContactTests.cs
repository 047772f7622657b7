using Copil.Domain.Agreements;
using Copil.Domain.Relays;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.Relays;

/// <summary>Art. 11: the shared directory of regional representatives and higher-education contacts, and how long it keeps them.</summary>
public class ContactTests
{
    private static readonly DateOnly Today = new(2021, 6, 1);

    private static ContactInput Representative(Agreement a) =>
        new(ContactKind.RegionalRepresentative, a.Parties[2].Id, "Camille Durand", "Déléguée régionale", "Délégation de Normandie", null, "camille.durand@exemple.fr", null, "28");

    [Fact]
    public void A_contact_covers_a_territory_and_represents_a_signatory_or_an_establishment()
    {
        var agreement = new AgreementBuilder().Build();

        Assert.True(Contact.Add(agreement, Representative(agreement), Today).IsSuccess);
        var errors = Contact.Add(agreement, Representative(agreement) with { RegionCode = null, PartyId = null, Email = "pas une adresse" }, Today).Errors;
        Assert.Equal(["PartyId", "RegionCode", "Email"], errors.Select(e => e.Field));
        Assert.Contains("sans territoire", errors[1].Message);
        Assert.Contains(Contact.Add(agreement, Representative(agreement) with { Kind = ContactKind.HigherEducation }, Today).Errors, e => e.Field == "Establishment");
    }

    [Theory]
    // The seed's last day in force is 30 November 2023: kept twelve months after, erased from 1 December 2024.
    [InlineData("2024-11-30", false)]
    [InlineData("2024-12-01", true)]
    public void A_contact_is_erased_the_set_time_after_the_agreement_ends(string today, bool due)
    {
        var agreement = new AgreementBuilder().Build();

        Assert.Equal(new DateOnly(2024, 12, 1), ContactRetention.EraseFrom(agreement, 12));
        Assert.Equal(due, ContactRetention.IsDue(agreement, 12, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_earlier_end_by_termination_or_caducite_starts_the_retention_earlier()
    {
        var terminated = new AgreementBuilder().Build();
        terminated.RecordTermination(terminated.Parties[2].Id, new DateOnly(2022, 3, 15), null, null, new DateOnly(2022, 3, 20));
        var voided = new AgreementBuilder().Build();
        voided.DeclareVoid(new DateOnly(2022, 2, 1), "Logo utilisé sans autorisation", new DateOnly(2022, 2, 2));

        Assert.Equal(new DateOnly(2023, 5, 16), ContactRetention.EraseFrom(terminated, 12));
        Assert.Equal(new DateOnly(2023, 2, 1), ContactRetention.EraseFrom(voided, 12));
    }

    [Fact]
    public void An_agreement_not_signed_has_no_end_and_erases_nothing()
    {
        var agreement = new AgreementBuilder().SignedOn(null).Build();

        Assert.Null(ContactRetention.EraseFrom(agreement, 12));
        Assert.False(ContactRetention.IsDue(agreement, 12, new DateOnly(2199, 1, 1)));
    }

    [Fact]
    public void A_relay_is_recorded_once_done_with_its_network_and_means()
    {
        Assert.True(Relay.Record(Guid.NewGuid(), Guid.NewGuid(), "Réseau des DRAFPIC", Today, "Lettre d'information", "Samuel", Today).IsSuccess);
        Assert.Equal(["Network", "On", "Means"], Relay.Record(Guid.NewGuid(), Guid.NewGuid(), " ", Today.AddDays(1), "", "Samuel", Today).Errors.Select(e => e.Field));
    }
}
