namespace Jumin.Domain;

/// <summary>
/// A rule that an input broke. <see cref="Rule"/> is a stable machine-readable code;
/// <see cref="Message"/> is what a clerk reads at the counter, in Japanese.
/// </summary>
public sealed record ValidationError(string Rule, string Message);

/// <summary>
/// Thrown when a value type is asked to hold an invalid value. Callers that know which form field
/// the value came from wrap it with that field's name (see <see cref="FieldValidationException"/>).
/// </summary>
public class InvalidValueException(ValidationError error) : RefusalException(error.Message)
{
    public ValidationError Error { get; } = error;

    public override RefusalKind Kind => RefusalKind.Invalid;
}

/// <summary>An <see cref="InvalidValueException"/> that names the field the bad value was entered in.</summary>
public sealed class FieldValidationException(string field, string fieldLabel, ValidationError error)
    : InvalidValueException(error)
{
    /// <summary>The field's machine name (as in the API request).</summary>
    public string Field { get; } = field;

    /// <summary>The field's Japanese label (as on the screen), e.g. 「生年月日」.</summary>
    public string FieldLabel { get; } = fieldLabel;

    public override string Message => $"{FieldLabel}: {Error.Message}";

    public override IReadOnlyList<FieldValidationException> Fields => [this];
}
