using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Copil.Web.Infrastructure;

/// <summary>Model-binding messages in French: a date typed wrong gets a sentence a user understands.</summary>
public static class FrenchModelBinding
{
    public static void Configure(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"La valeur « {value} » n'est pas valide pour ce champ.");
        messages.SetMissingBindRequiredValueAccessor(field => "Ce champ est obligatoire.");
        messages.SetMissingKeyOrValueAccessor(() => "Ce champ est obligatoire.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Le corps de la requête est vide.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Saisissez un nombre.");
        messages.SetUnknownValueIsInvalidAccessor(field => "La valeur saisie n'est pas valide pour ce champ.");
        messages.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
        messages.SetValueMustBeANumberAccessor(field => "Saisissez un nombre.");
        messages.SetValueMustNotBeNullAccessor(value => "Ce champ est obligatoire.");
    }
}

/// <summary>ASP.NET Core Identity's messages, in French.</summary>
public sealed class FrenchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Le mot de passe doit compter au moins {length} caractères." };

    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Un compte existe déjà avec l'adresse {email}." };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Un compte existe déjà avec l'identifiant {userName}." };

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"L'adresse « {email} » n'est pas une adresse électronique valide." };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"L'identifiant « {userName} » n'est pas valide." };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Une erreur est survenue." };

    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Le compte a été modifié entre-temps ; recommencez." };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Mot de passe incorrect." };
}
