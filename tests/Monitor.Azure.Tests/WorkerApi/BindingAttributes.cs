// Compile-only reference: the shape of Microsoft.Azure.Functions.Worker.Extensions.Abstractions (see README.md).
namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

/// <summary>Base of every binding attribute.</summary>
public abstract class BindingAttribute : Attribute
{
}

/// <summary>Base of trigger attributes (one per function).</summary>
public abstract class TriggerBindingAttribute : BindingAttribute
{
}

/// <summary>Base of input binding attributes.</summary>
public abstract class InputBindingAttribute : BindingAttribute
{
}

/// <summary>Base of output binding attributes.</summary>
public abstract class OutputBindingAttribute : BindingAttribute
{
}
