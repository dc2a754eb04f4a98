import { SignedIn } from '../identity/SignedIn.tsx';
import { session } from '../identity/session.model.ts';
import { Room } from '../rooms/Room.tsx';

/** The wall: one room every member can read and write. */
export function WallPage() {
  return (
    <SignedIn>
      {(me) => (
        <Room
          docName="wall"
          me={{ id: me.id, name: me.displayName }}
          canModerate={session.isModerator}
          header={
            <div>
              <h1 class="text-2xl font-semibold">The wall</h1>
              <p class="text-sm text-slate-600">
                Say hello, ask for a skill, offer one. Everyone signed in sees this.
              </p>
            </div>
          }
        />
      )}
    </SignedIn>
  );
}
