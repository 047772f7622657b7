namespace Copil.Domain.Common;

/// <summary>A refusal that the domain expects: a stable code, a French message for the user and, when it has one, the field it concerns.</summary>
public sealed record DomainError(string Code, string Message, string? Field = null);

/// <summary>The outcome of a domain operation: success, or the named errors that refused it.</summary>
public class Result
{
    protected Result(IReadOnlyList<DomainError> errors) => Errors = errors;

    public IReadOnlyList<DomainError> Errors { get; }

    public bool IsSuccess => Errors.Count == 0;

    public bool IsFailure => !IsSuccess;

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
