// What tests read of a deck page's scripting API (window.ptydeck; see README "Automation").
export {};

interface DemoHandle {
  step(): Promise<unknown>;
  runAll(): Promise<unknown>;
  interrupt(): Promise<unknown>;
  reset(): Promise<unknown>;
  readonly state: {
    readonly kind: string;
    readonly status: string | null;
    readonly nextStep: number | null;
    readonly lastExit: number | null;
    readonly label: string;
    readonly mounted: boolean;
  };
  text(): string;
}

declare global {
  interface Window {
    ptydeck: {
      readonly deck: {
        isReady(): boolean;
        getTotalSlides(): number;
        getIndices(): { h: number; v?: number; f?: number };
        isLastSlide(): boolean;
        availableFragments(): { prev: boolean; next: boolean };
        slide(h: number, v?: number, f?: number): void;
      };
      demos?(): string[];
      demo?(id: string): DemoHandle;
    };
  }
}
