// Compile-only reference: the shape of Microsoft.Azure.Functions.Worker.FunctionAttribute (see README.md).
namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks a method as a function and names it.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class FunctionAttribute : Attribute
{
    public FunctionAttribute(string name) => Name = name;

    public string Name { get; }
}
