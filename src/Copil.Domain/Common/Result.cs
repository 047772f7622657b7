namespace Copil.Domain.Common;

/// <summary>What kind of refusal an error is: the API turns it into a status code, the pages into where they show it.</summary>
public enum ErrorKind
{
    /// <summary>The input or the state breaks a rule (of the agreement, or of sane input); the default.</summary>
    RuleBroken,

    /// <summary>The thing does not exist, or not for this caller.</summary>
    NotFound,

    /// <summary>Someone else changed the thing since the caller read it (a stale version).</summary>
    Conflict,

    /// <summary>The caller may see the thing but not do this to it.</summary>
    Forbidden,
}

/// <summary>
/// A refusal that the domain expects: a stable code, a French message for the user, its kind and, when it has one, the
/// field it concerns (a dotted path of the input, e.g. <c>Annex.Lines[2].AmountCents</c>).
/// </summary>
public sealed record DomainError(string Code, string Message, string? Field = null, ErrorKind Kind = ErrorKind.RuleBroken)
{
    public static DomainError NotFound(string message) => new("not-found", message, Kind: ErrorKind.NotFound);

    public static DomainError Conflict(string message) => new("concurrency", message, Kind: ErrorKind.Conflict);

    public static DomainError Forbidden(string code, string message) => new(code, message, Kind: ErrorKind.Forbidden);
}

/// <summary>The outcome of a domain operation: success, or the named errors that refused it.</summary>
public class Result
{
    protected Result(IReadOnlyList<DomainError> errors) => Errors = errors;

    public IReadOnlyList<DomainError> Errors { get; }

    public bool IsSuccess => Errors.Count == 0;

    public bool IsFailure => !IsSuccess;

    /// <summary>The kind that decides how the refusal is answered: not found first, then forbidden, conflict, rule broken.</summary>
    public ErrorKind? FailureKind => IsSuccess ? null
        : Errors.Any(e => e.Kind == ErrorKind.NotFound) ? ErrorKind.NotFound
        : Errors.Any(e => e.Kind == ErrorKind.Forbidden) ? ErrorKind.Forbidden
        : Errors.Any(e => e.Kind == ErrorKind.Conflict) ? ErrorKind.Conflict
        : ErrorKind.RuleBroken;

    public static Result Success() => new([]);

    public static Result Failure(DomainError error) => new([error]);

    public static Result Failure(IEnumerable<DomainError> errors)
    {
        var list = errors.ToList();
        return list.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new Result(list);
    }

    public static implicit operator Result(DomainError error) => Failure(error);
}

/// <summary>A result that carries a value when it succeeds.</summary>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T value) : base([]) => _value = value;

    private Result(IReadOnlyList<DomainError> errors) : base(errors) { }

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("A failed result has no value.");

    public static Result<T> Success(T value) => new(value);

    public static new Result<T> Failure(DomainError error) => new([error]);

    public static new Result<T> Failure(IEnumerable<DomainError> errors) => new(errors.ToList());

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(DomainError error) => Failure(error);
}
