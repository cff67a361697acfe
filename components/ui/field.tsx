import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";
import { Label } from "./label";

type ControlProps = {
  id?: string;
  required?: boolean;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean | "true" | "false";
};

export type FieldProps = {
  /** Id given to the control; description and error ids derive from it. */
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  required?: boolean;
  className?: string;
  /** A single control element (Input, Textarea, Select…); Field wires its id and ARIA attributes. */
  children: ReactElement<ControlProps>;
};

export function Field({ id, label, description, error, required, className, children }: FieldProps) {
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const ownProps: ControlProps = isValidElement(children) ? children.props : {};
  const describedBy = [ownProps["aria-describedby"], descriptionId, errorId].filter(Boolean).join(" ") || undefined;

  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        "aria-describedby": describedBy,
        "aria-invalid": error ? true : ownProps["aria-invalid"],
        ...(required ? { required: true } : {}),
      })
    : children;

  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <Label htmlFor={id} required={required}>
        {label}
      </Label>
      {control}
      {description ? (
        <p id={descriptionId} className="text-xs text-fg-muted">
          {description}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-danger-fg">
          {error}
        </p>
      ) : null}
    </div>
  );
}
