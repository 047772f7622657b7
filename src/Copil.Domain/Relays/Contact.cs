using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Reference;

namespace Copil.Domain.Relays;

/// <summary>Who a contact of the shared directory is (art. 11 of the seed).</summary>
public enum ContactKind
{
    /// <summary>Représentant régional d'un signataire (délégation régionale de l'OPCO, DRAFPIC…).</summary>
    RegionalRepresentative = 0,

    /// <summary>Contact d'un service d'un établissement d'enseignement supérieur partie prenante.</summary>
    HigherEducation = 1,
}

/// <summary>
/// A person of the directory the signatories share « pour favoriser les collaborations territoriales » (art. 11): each
/// signatory's regional representatives, per région académique, and the contacts of the higher-education services
/// involved. Personal data collected from someone else than the person: the person is informed when added (GDPR art. 14),
/// can be exported and erased on request, and is erased a set time after the agreement ends.
/// </summary>
public sealed class Contact
{
    public const int MaxLength = 200;

    private Contact() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public ContactKind Kind { get; private set; }

    /// <summary>The signatory a regional representative represents.</summary>
    public Guid? PartyId { get; private set; }

    public string Name { get; private set; } = "";

    public string Function { get; private set; } = "";

    public string Service { get; private set; } = "";

    /// <summary>The higher-education establishment, for its contacts.</summary>
    public string? Establishment { get; private set; }

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The région académique the contact covers: a contact without a territory serves no one.</summary>
    public string RegionCode { get; private set; } = "";

    public DateOnly AddedOn { get; private set; }

    /// <summary>When the person was sent the notice of GDPR art. 14 (null: no address to send it to).</summary>
    public DateOnly? InformedOn { get; private set; }

    public int Version { get; private set; }

    public static Result<Contact> Add(Agreement agreement, ContactInput input, DateOnly today)
    {
        var contact = new Contact { Id = Guid.NewGuid(), AgreementId = agreement.Id, AddedOn = today };
        var errors = contact.Apply(agreement, input);
        return errors.Count > 0 ? Result<Contact>.Failure(errors) : contact;
    }

    public Result Change(Agreement agreement, ContactInput input)
    {
        var errors = Apply(agreement, input);
        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        Version++;
        return Result.Success();
    }

    public void MarkInformed(DateOnly on)
    {
        InformedOn = on;
        Version++;
    }

    public string TerritoryName => Territories.Regions.FirstOrDefault(r => r.Code == RegionCode)?.Name ?? RegionCode;

    private List<DomainError> Apply(Agreement agreement, ContactInput input)
    {
        var errors = new List<DomainError>();
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add(new("contact.kind", "Choisissez : représentant régional d'un signataire, ou contact d'un établissement d'enseignement supérieur.", nameof(ContactInput.Kind)));
        }

        if (input.Kind == ContactKind.RegionalRepresentative && (input.PartyId is not { } party || agreement.PartyById(party) is null))
        {
            errors.Add(new("contact.party", "Choisissez le signataire que la personne représente.", nameof(ContactInput.PartyId)));
        }

        if (input.Kind == ContactKind.HigherEducation && string.IsNullOrWhiteSpace(input.Establishment))
        {
            errors.Add(new("contact.establishment", "Indiquez l'établissement d'enseignement supérieur.", nameof(ContactInput.Establishment)));
        }

        Text(errors, input.Name, nameof(ContactInput.Name), "Indiquez le nom de la personne.", required: true);
        Text(errors, input.Function, nameof(ContactInput.Function), "Indiquez sa fonction.", required: true);
        Text(errors, input.Service, nameof(ContactInput.Service), "Indiquez son service.", required: true);
        Text(errors, input.Establishment, nameof(ContactInput.Establishment), "", required: false);
        Text(errors, input.Phone, nameof(ContactInput.Phone), "", required: false);
        if (Territories.Regions.All(r => r.Code != input.RegionCode))
        {
            errors.Add(new("contact.territory", "Indiquez la région académique que couvre la personne : un contact sans territoire ne peut être proposé à personne.", nameof(ContactInput.RegionCode)));
        }

        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && (email.Length > MaxLength || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            errors.Add(new("contact.email", "L'adresse électronique n'est pas valide (par exemple prenom.nom@exemple.fr).", nameof(ContactInput.Email)));
        }

        if (errors.Count == 0)
        {
            Kind = input.Kind;
            PartyId = input.Kind == ContactKind.RegionalRepresentative ? input.PartyId : null;
            Name = input.Name!.Trim();
            Function = input.Function!.Trim();
            Service = input.Service!.Trim();
            Establishment = string.IsNullOrWhiteSpace(input.Establishment) ? null : input.Establishment.Trim();
            Email = email;
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
            RegionCode = input.RegionCode!;
        }

        return errors;
    }

    private static void Text(List<DomainError> errors, string? value, string field, string missing, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new($"contact.{field.ToLowerInvariant()}", missing, field));
            }
        }
        else if (value.Trim().Length > MaxLength || SaneInput.HasControlCharacter(value, multiline: false))
        {
            errors.Add(new($"contact.{field.ToLowerInvariant()}.length", $"{MaxLength} caractères au plus, sans caractère invisible.", field));
        }
    }
}

public sealed record ContactInput(ContactKind Kind, Guid? PartyId, string? Name, string? Function, string? Service, string? Establishment, string? Email, string? Phone, string? RegionCode);

/// <summary>
/// How long the directory keeps a person once the agreement has ended: the retention period runs from the day after its
/// last day in force (term, termination or caducité). While the agreement has no end, nothing is erased.
/// </summary>
public static class ContactRetention
{
    public static DateOnly? EraseFrom(Agreement agreement, int retentionMonths)
    {
        var lastDay = agreement.VoidOn is { } voidOn ? voidOn.AddDays(-1) : agreement.LastDayInForce;
        return lastDay?.AddDays(1).AddMonths(retentionMonths);
    }

    public static bool IsDue(Agreement agreement, int retentionMonths, DateOnly today) =>
        EraseFrom(agreement, retentionMonths) is { } from && today >= from;
}

/// <summary>A relay of an action in a network (art. 11: the signatories relay the actions in their networks).</summary>
public sealed class Relay
{
    private Relay() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    public Guid ActionSheetId { get; private set; }

    /// <summary>Which network (services déconcentrés, réseau des CMQ, ONISEP…).</summary>
    public string Network { get; private set; } = "";

    public DateOnly On { get; private set; }

    /// <summary>How: newsletter, meeting, social network, letter…</summary>
    public string Means { get; private set; } = "";

    public string RecordedBy { get; private set; } = "";

    public static Result<Relay> Record(Guid agreementId, Guid actionSheetId, string? network, DateOnly? on, string? means, string recordedBy, DateOnly today)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(network) || network.Trim().Length > 300 || SaneInput.HasControlCharacter(network, false))
        {
            errors.Add(new("relay.network", "Indiquez le réseau qui a relayé l'action (300 caractères au plus).", nameof(Network)));
        }

        if (on is null || !SaneInput.IsSaneDate(on.Value))
        {
            errors.Add(new("relay.on", "Indiquez la date du relais.", nameof(On)));
        }
        else if (on > today)
        {
            errors.Add(new("relay.on.future", "Un relais s'enregistre une fois fait : la date ne peut pas être à venir.", nameof(On)));
        }

        if (string.IsNullOrWhiteSpace(means) || means.Trim().Length > 300 || SaneInput.HasControlCharacter(means, false))
        {
            errors.Add(new("relay.means", "Indiquez comment l'action a été relayée (lettre d'information, réunion, site…).", nameof(Means)));
        }

        return errors.Count > 0 ? Result<Relay>.Failure(errors) : new Relay
        {
            Id = Guid.NewGuid(),
            AgreementId = agreementId,
            ActionSheetId = actionSheetId,
            Network = network!.Trim(),
            On = on!.Value,
            Means = means!.Trim(),
            RecordedBy = recordedBy,
        };
    }
}
