import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import ModalDialog, {
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
} from '@atlaskit/modal-dialog';

export interface ConfirmDialogProps {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** `danger` for what removes or changes people's access; `primary` for the rest. */
  appearance: 'danger' | 'warning' | 'primary';
  /** While the confirmed action runs: the confirm button shows progress and nothing can be clicked twice. */
  isWorking?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** An Atlaskit modal that asks before an action, saying exactly what will happen. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <ModalTransition>
      {props.isOpen && (
        <ModalDialog onClose={props.isWorking ? undefined : props.onCancel} width="medium">
          <ModalHeader hasCloseButton>
            <ModalTitle appearance={props.appearance === 'primary' ? undefined : props.appearance}>
              {props.title}
            </ModalTitle>
          </ModalHeader>
          <ModalBody>{props.children}</ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={props.onCancel} isDisabled={props.isWorking}>
              Cancel
            </Button>
            <Button appearance={props.appearance} onClick={props.onConfirm} isLoading={props.isWorking}>
              {props.confirmLabel}
            </Button>
          </ModalFooter>
        </ModalDialog>
      )}
    </ModalTransition>
  );
}
